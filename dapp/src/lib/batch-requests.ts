import { addressKey, GiftKind, giftKindOf } from "@boon/contracts";
import type { Address, Hex } from "viem";
import type { BatchEntry } from "./batch.ts";
import type { XRecipient } from "./recipient.ts";

/** One gift of a `sendGifts` batch, as the vault takes it. */
export type BatchRequest = { kind: GiftKind; recipient: Hex; amount: bigint };

/** The vault's batch entry for an address (padded), a link key (padded) or a social id (as is). */
function batchRequest(
  kind: "address" | "link" | "social",
  to: Address | Hex,
  amount: bigint,
): BatchRequest {
  return {
    kind: giftKindOf(kind),
    recipient: kind === "social" ? to : addressKey(to as Address),
    amount,
  };
}

/** The vault entries of a batch: link keys and X accounts are given in entry order. */
export function batchRequests(
  entries: BatchEntry[],
  keys: ({ address: Address } | null)[],
  accounts: (XRecipient | null)[],
): BatchRequest[] {
  return entries.map((entry, index) => {
    if (entry.kind === GiftKind.Address) return batchRequest("address", entry.to, entry.amount);
    if (entry.kind === GiftKind.Link)
      return batchRequest("link", keys[index]?.address as Address, entry.amount);
    const account = accounts[index];
    if (!account) throw new Error(`line ${entry.line} was not looked up`);
    return batchRequest("social", account.recipientId, entry.amount);
  });
}
