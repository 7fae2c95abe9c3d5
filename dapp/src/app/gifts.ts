import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { Address } from "viem";
import { type GiftRow, giftKey } from "../api/gift-row.ts";
import type { GiftCursor, GiftFilter } from "../api/indexer.ts";
import { forgetOptimistic, reconcile, useOptimisticGifts } from "./optimistic.ts";
import { useServices } from "./services.tsx";

/**
 * Gifts touching an account from the indexer, page by page, with this tab's just-sent gifts on top
 * until the indexer catches up (polling quickly meanwhile).
 */
export function useGifts(
  filter: Omit<GiftFilter, "account"> & { account: Address | undefined },
  pageSize = 10,
) {
  const { config } = useServices();
  const queryClient = useQueryClient();
  const optimistic = useOptimisticGifts();
  const { account } = filter;
  const query = useInfiniteQuery({
    queryKey: ["gifts", account, filter.direction, filter.kind, filter.status, pageSize],
    queryFn: async ({ pageParam }) => {
      // The indexer's client (Ponder's, with drizzle) loads with the first query, not with the page:
      // a visitor without a wallet never needs it.
      const { fetchGifts, indexerClient } = await import("../api/indexer.ts");
      return fetchGifts(
        indexerClient(config.indexerUrl),
        { ...filter, account: account as Address },
        { after: pageParam, limit: pageSize },
      );
    },
    initialPageParam: null as GiftCursor | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: Boolean(account),
    refetchInterval: optimistic.length > 0 ? 1_000 : 15_000,
  });
  const indexed = useMemo(
    () => query.data?.pages.flatMap((page) => page.items) ?? [],
    [query.data],
  );
  const waiting = useMemo(() => {
    const mine = (row: GiftRow) =>
      !account || filter.direction === "received"
        ? false
        : row.sender.toLowerCase() === account.toLowerCase();
    return reconcile(optimistic, indexed).filter(mine);
  }, [optimistic, indexed, account, filter.direction]);
  useEffect(() => {
    const indexedKeys = new Set(indexed.map(giftKey));
    const landed = optimistic.map(giftKey).filter((key) => indexedKeys.has(key));
    forgetOptimistic(queryClient, landed);
  }, [optimistic, indexed, queryClient]);
  return { ...query, gifts: indexed, optimistic: waiting };
}
