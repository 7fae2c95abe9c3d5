import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { GiftRow } from "../api/indexer.ts";

const KEY = ["optimistic-gifts"] as const;

/** Gifts this tab just sent, shown at once until the indexer reports them. */
export function addOptimisticGifts(queryClient: QueryClient, rows: GiftRow[]): void {
  queryClient.setQueryData<GiftRow[]>(KEY, (current = []) => [
    ...rows,
    ...current.filter((row) => !rows.some((added) => added.id === row.id)),
  ]);
  void queryClient.invalidateQueries({ queryKey: ["gifts"] });
}

/** Drops the optimistic rows the indexer now has: it is the source of truth. */
export function reconcile(optimistic: GiftRow[], indexed: GiftRow[]): GiftRow[] {
  const seen = new Set(indexed.map((row) => row.id));
  return optimistic.filter((row) => !seen.has(row.id));
}

export function useOptimisticGifts(): GiftRow[] {
  return useQuery<GiftRow[]>({
    queryKey: KEY,
    queryFn: () => [],
    staleTime: Number.POSITIVE_INFINITY,
    initialData: [],
  }).data;
}

export function forgetOptimistic(queryClient: QueryClient, ids: bigint[]): void {
  if (ids.length === 0) return;
  queryClient.setQueryData<GiftRow[]>(KEY, (current = []) =>
    current.filter((row) => !ids.includes(row.id)),
  );
}
