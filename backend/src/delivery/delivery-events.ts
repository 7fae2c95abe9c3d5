import type { PoolClient } from "../db/pool.ts";
import { appendEvent } from "../events/append-event.ts";
import type { EventPayload, EventType } from "../events/event-types.ts";
import type { Delivery } from "./outbox.repository.ts";

/** An event about one outbox row: the row is its subject, the row's user its owner. */
export async function appendDeliveryEvent<T extends EventType>(
  db: PoolClient,
  type: T,
  row: { id: string; userId: string | null },
  payload: EventPayload<T>,
): Promise<void> {
  await appendEvent(db, {
    type,
    subject: { type: "delivery", id: row.id },
    userId: row.userId,
    payload,
  });
}

/** `delivery.queued` for a new outbox row (a user's action, a refund or treasury housekeeping). */
export async function appendQueued(db: PoolClient, row: Delivery): Promise<void> {
  await appendDeliveryEvent(db, "delivery.queued", row, {
    kind: row.kind,
    amount: row.amount.toString(),
    recipient: row.recipient,
    recipientLabel: row.recipientLabel,
  });
}
