import { giftVaultAbi } from "@boon/contracts";
import { useSyncExternalStore } from "react";
import { type Log, parseEventLogs } from "viem";
import type { GiftRow } from "../api/gift-row.ts";

type Settlement = { status: "claimed" | "refunded"; by: string };

// Claims and refunds this tab saw confirmed, by gift id: the lists show them at once instead of
// "Expired" with a Refund button until the indexer catches up with the block.
let settled = new Map<string, Settlement>();
const listeners = new Set<() => void>();

/** Records the claims and refunds in a confirmed receipt's logs. */
export function recordSettledGifts(logs: readonly Log[]): void {
  const events = parseEventLogs({
    abi: giftVaultAbi,
    eventName: ["GiftClaimed", "GiftRefunded"],
    logs: logs as Log[],
  });
  if (events.length === 0) return;
  settled = new Map(settled);
  for (const event of events) {
    const { giftId } = event.args;
    settled.set(
      giftId.toString(),
      event.eventName === "GiftClaimed"
        ? { status: "claimed", by: event.args.to }
        : { status: "refunded", by: event.args.sender },
    );
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSettledGifts(): ReadonlyMap<string, Settlement> {
  return useSyncExternalStore(
    subscribe,
    () => settled,
    () => settled,
  );
}

/** The row as it stands after this tab's confirmed claims and refunds (the indexer may lag). */
export function withSettlement(row: GiftRow, known: ReadonlyMap<string, Settlement>): GiftRow {
  if (row.status !== "pending" || row.giftId === null) return row;
  const settlement = known.get(row.giftId.toString());
  if (!settlement) return row;
  return settlement.status === "claimed"
    ? { ...row, status: "claimed", claimedBy: settlement.by as GiftRow["claimedBy"] }
    : { ...row, status: "refunded" };
}
