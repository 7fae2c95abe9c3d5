import type { PoolClient } from "../db/pool.ts";
import { appendEvent } from "../events/append-event.ts";
import type { Delivery } from "./outbox.repository.ts";

/** `delivery.queued` for a new outbox row (a user's action, a refund or treasury housekeeping). */
export async function appendQueued(db: PoolClient, row: Delivery): Promise<void> {
  await appendEvent(db, {
    type: "delivery.queued",
    subject: { type: "delivery", id: row.id },
    userId: row.userId,
    payload: {
      kind: row.kind,
      amount: row.amount.toString(),
      recipient: row.recipient,
      recipientLabel: row.recipientLabel,
    },
  });
}
