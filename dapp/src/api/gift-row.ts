import type * as schema from "@boon/indexer/schema";

// What the app knows of a gift, typed from the indexer's schema; kept apart from the indexer client
// (src/api/indexer.ts) so that pages that only show just-sent gifts do not load the client.

/** One gift as the indexer has it (bigint columns are bigints). */
export type GiftRow = typeof schema.gift.$inferSelect;

/** A gift's key in lists: its send transaction and its entry in the send (known before indexing). */
export const giftKey = (row: Pick<GiftRow, "sentTx" | "entry">) => `${row.sentTx}:${row.entry}`;

/** The columns a gift has before anyone claims or refunds it. */
export const UNSETTLED = {
  claimedBlock: null,
  claimedTimestamp: null,
  claimedTx: null,
  refundedBlock: null,
  refundedTimestamp: null,
  refundedTx: null,
} as const;

/** A gift still pending past its expiry: only its sender can take it back now. */
export function isReclaimable(row: GiftRow, now = Date.now() / 1000): boolean {
  return row.status === "pending" && row.expiry !== null && Number(row.expiry) <= now;
}
