import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { fetchActivity } from "../../api/activity.ts";
import { type GiftRow, isReclaimable } from "../../api/gift-row.ts";
import type { Direction } from "../../api/indexer.ts";
import { useGifts } from "../../app/gifts.ts";
import { useServices } from "../../app/services.tsx";
import { useTransaction } from "../../tx/use-transaction.ts";
import { refundGift } from "../../wallet/gift-actions.ts";
import type { WagmiConfig } from "../../wallet/wagmi.ts";

/** Boon's record of the signed-in user, newest first, in the backend's cursor pages. */
export function useAccountActivity(enabled: boolean) {
  const { backend } = useServices();
  return useInfiniteQuery({
    queryKey: ["activity"],
    queryFn: ({ pageParam }) => fetchActivity(backend, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** The connected wallet's gifts from the indexer (nothing is fetched without a wallet). */
export const useWalletGifts = (address: Address | undefined, direction: Direction) =>
  useGifts({ account: address, direction }, 10);

/** Refunding a gift `me` sent that expired unclaimed: the action its row carries. */
export function useRefund(me: Address | undefined) {
  const { config } = useServices();
  const wagmi = useConfig() as WagmiConfig;
  const queryClient = useQueryClient();
  const run = useTransaction();
  const refundable = (row: GiftRow) =>
    row.sender.toLowerCase() === me?.toLowerCase() && isReclaimable(row);
  const refund = (row: GiftRow) =>
    run("Refunding the gift", () => refundGift(wagmi, config, row))
      .then(() => queryClient.invalidateQueries())
      .catch(() => undefined); // the notice explained it
  return { refundable, refund };
}
