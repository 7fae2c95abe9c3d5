import { boonTokenAbi } from "@boon/contracts";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { fetchBalance, fetchLimits } from "../api/money.ts";
import { useServices } from "./services.tsx";
import { useSignedInQuery } from "./session.ts";

/** BOON held by `address` on chain. */
export function useWalletBalance(address: Address | undefined) {
  const { config } = useServices();
  return useReadContract({
    address: config.contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "balanceOf",
    args: address ? [address] : undefined,
    query: { enabled: Boolean(address), refetchInterval: 15_000 },
  });
}

/** BOON credits held for the signed-in user by the backend (card purchases). */
export const useCredits = () => useSignedInQuery(["credits"], fetchBalance);

export const useLimits = () => useSignedInQuery(["limits"], fetchLimits);
