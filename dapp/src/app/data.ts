import { boonTokenAbi } from "@boon/contracts";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { fetchBalance, fetchLimits } from "../api/money.ts";
import { useServices } from "./services.tsx";
import { useSession } from "./session.ts";

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
export function useCredits() {
  const { backend } = useServices();
  const session = useSession();
  return useQuery({
    queryKey: ["credits"],
    queryFn: () => fetchBalance(backend),
    enabled: Boolean(session.data),
  });
}

export function useLimits() {
  const { backend } = useServices();
  const session = useSession();
  return useQuery({
    queryKey: ["limits"],
    queryFn: () => fetchLimits(backend),
    enabled: Boolean(session.data),
  });
}
