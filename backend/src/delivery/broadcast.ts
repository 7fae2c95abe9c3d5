import type { Hex } from "viem";
import { withTransaction } from "../db/transaction.ts";
import { errorText, isAlreadyKnown } from "./chain-client.ts";
import { appendDeliveryEvent } from "./delivery-events.ts";
import { type Delivery, markSent, noteError } from "./outbox.repository.ts";
import type { WorkerContext } from "./worker-context.ts";

/**
 * Broadcasts persisted raw transactions in the given (nonce) order, then marks the accepted ones
 * sent in one transaction with a `delivery.broadcast` event for each first broadcast.
 * Rebroadcasting the same bytes is always safe.
 */
export async function broadcastAll(ctx: WorkerContext, rows: readonly Delivery[]): Promise<void> {
  const accepted: string[] = [];
  for (const row of rows) {
    await ctx.crash?.("beforeSend", row);
    try {
      await ctx.client.sendRawTransaction({ serializedTransaction: row.rawTx as Hex });
    } catch (error) {
      if (!isAlreadyKnown(error)) {
        await noteError(ctx.pool, row.id, errorText(error));
        ctx.log.warn(
          { deliveryId: row.id, nonce: row.nonce?.toString(), err: error },
          "broadcast failed; will retry",
        );
        continue;
      }
    }
    await ctx.crash?.("afterBroadcast", row);
    accepted.push(row.id);
  }
  if (accepted.length === 0) return;
  await withTransaction(ctx.pool, async (db) => {
    for (const sent of await markSent(db, accepted)) {
      await appendDeliveryEvent(db, "delivery.broadcast", sent, {
        kind: sent.kind,
        txHash: sent.txHash as Hex,
        nonce: String(sent.nonce),
      });
    }
  });
}
