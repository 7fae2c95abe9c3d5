import type { ActivityItem } from "../../api/activity.ts";
import type { GiftRow } from "../../api/gift-row.ts";
import { giftKey } from "../../api/gift-row.ts";
import type { Direction } from "../../api/indexer.ts";

// One chronological list from two paged sources: Boon's record of the account (GET /v1/me/activity,
// which already holds the on-chain gifts of the user's linked wallets) and the connected wallet's
// gifts from the indexer (the rows that carry Claim/Refund actions).
//
// Paging: each source is loaded page by page, newest first. A source with more pages has only shown
// us what is newer than its oldest loaded item, so nothing older than that may be shown yet from the
// other source: it would sit where the unloaded items belong, and jump down once they arrive. The
// list therefore ends at the newest of those "oldest loaded" times (the horizon); what lies beyond
// waits, and "Load more" fetches the next page of the source(s) that set the horizon.

/** A line of the merged list. `at` is Unix seconds. */
export type FeedEntry =
  | { source: "account"; key: string; at: number; item: ActivityItem }
  | { source: "wallet"; key: string; at: number; row: GiftRow; optimistic: boolean };

/** What a source has loaded so far; null when it is not in play (no session, no wallet, failed). */
export type Loaded<T> = { items: T[]; hasMore: boolean } | null;

export type MergedActivity = {
  entries: FeedEntry[];
  /** Loaded lines held back beyond the horizon (shown after "Load more"). */
  held: number;
  /** Which sources "Load more" should fetch the next page of. */
  more: { account: boolean; wallet: boolean };
};

/** The backend's kinds that retell an on-chain gift the indexer also lists. */
const ONCHAIN_KINDS = new Set<ActivityItem["kind"]>(["gift_received", "claim", "refund"]);

const accountAt = (item: ActivityItem) => Date.parse(item.at) / 1000;
const walletAt = (row: GiftRow) => Number(row.sentTimestamp);

/** Drops the backend lines telling of a gift in the wallet's list (same vault id or transaction). */
function withoutWalletGifts(items: ActivityItem[], rows: GiftRow[]): ActivityItem[] {
  const ids = new Set(rows.flatMap((row) => (row.giftId === null ? [] : [row.giftId.toString()])));
  const txs = new Set(
    rows.flatMap((row) =>
      [row.sentTx, row.claimedTx, row.refundedTx].flatMap((tx) => (tx ? [tx.toLowerCase()] : [])),
    ),
  );
  return items.filter(
    (item) =>
      !ONCHAIN_KINDS.has(item.kind) ||
      !(
        (item.ref.giftId !== undefined && ids.has(item.ref.giftId)) ||
        (item.txHash !== null && txs.has(item.txHash.toLowerCase()))
      ),
  );
}

/** The oldest time a source with more pages has loaded; -Infinity when it is complete. */
function oldestIfMore<T>(source: Loaded<T>, at: (item: T) => number): number {
  if (!source?.hasMore || source.items.length === 0) return Number.NEGATIVE_INFINITY;
  return Math.min(...source.items.map(at));
}

const walletEntry = (row: GiftRow, optimistic: boolean): FeedEntry => ({
  source: "wallet",
  key: `${optimistic ? "o" : "w"}:${giftKey(row)}`,
  at: walletAt(row),
  row,
  optimistic,
});

/** Interleaves two newest-first lists, keeping each one's own order. */
function interleave(a: FeedEntry[], b: FeedEntry[]): FeedEntry[] {
  const out: FeedEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next =
      j >= b.length || (i < a.length && (a[i] as FeedEntry).at >= (b[j] as FeedEntry).at);
    out.push((next ? a[i++] : b[j++]) as FeedEntry);
  }
  return out;
}

/**
 * The merged list, newest first, cut at the horizon. The direction filter applies to the account's
 * lines here (the wallet's are fetched already filtered); just-sent, not yet indexed gifts lead.
 */
export function mergeActivity(input: {
  account: Loaded<ActivityItem>;
  wallet: Loaded<GiftRow>;
  optimistic?: GiftRow[];
  direction?: Direction;
}): MergedActivity {
  const { account, wallet, optimistic = [], direction = "all" } = input;
  const accountEdge = oldestIfMore(account, accountAt);
  const walletEdge = oldestIfMore(wallet, walletAt);
  const horizon = Math.max(accountEdge, walletEdge);
  const rows = wallet?.items ?? [];
  const wanted = (item: ActivityItem) =>
    direction === "all" || item.direction === (direction === "sent" ? "out" : "in");
  const accountEntries: FeedEntry[] = withoutWalletGifts(account?.items ?? [], rows)
    .filter(wanted)
    .map((item) => ({ source: "account", key: `a:${item.id}`, at: accountAt(item), item }));
  const walletEntries = rows.map((row) => walletEntry(row, false));
  const all = interleave(accountEntries, walletEntries);
  const shown = all.filter((entry) => entry.at >= horizon);
  return {
    entries: [...optimistic.map((row) => walletEntry(row, true)), ...shown],
    held: all.length - shown.length,
    more: {
      account: Boolean(account?.hasMore) && accountEdge >= horizon,
      wallet: Boolean(wallet?.hasMore) && walletEdge >= horizon,
    },
  };
}
