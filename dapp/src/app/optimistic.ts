import { type QueryClient, useQuery } from "@tanstack/react-query";
import { type GiftRow, giftKey } from "../api/gift-row.ts";

// Just-sent gifts are keyed by transaction and entry (giftKey): known from the receipt, before the
// indexer gives them its event id.

const KEY = ["optimistic-gifts"] as const;

/** Gifts this tab just sent, shown at once until the indexer reports them. */
export function addOptimisticGifts(queryClient: QueryClient, rows: GiftRow[]): void {
  queryClient.setQueryData<GiftRow[]>(KEY, (current = []) => [
    ...rows,
    ...current.filter((row) => !rows.some((added) => giftKey(added) === giftKey(row))),
  ]);
  void queryClient.invalidateQueries({ queryKey: ["gifts"] });
}

/** Drops the optimistic rows the indexer now has: it is the source of truth. */
export function reconcile(optimistic: GiftRow[], indexed: GiftRow[]): GiftRow[] {
  const seen = new Set(indexed.map(giftKey));
  return optimistic.filter((row) => !seen.has(giftKey(row)));
}

export function useOptimisticGifts(): GiftRow[] {
  return useQuery<GiftRow[]>({
    queryKey: KEY,
    queryFn: () => [],
    staleTime: Number.POSITIVE_INFINITY,
    initialData: [],
  }).data;
}

export function forgetOptimistic(queryClient: QueryClient, keys: string[]): void {
  if (keys.length === 0) return;
  queryClient.setQueryData<GiftRow[]>(KEY, (current = []) =>
    current.filter((row) => !keys.includes(giftKey(row))),
  );
}
