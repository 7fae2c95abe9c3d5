import { boonTokenAbi } from "@boon/contracts";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import type { Backend } from "../api/backend.ts";
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

/** A backend read about the signed-in user: asked only while someone is signed in. */
export function useSignedInQuery<T>(
  queryKey: readonly string[],
  read: (backend: Backend) => Promise<T>,
) {
  const { backend } = useServices();
  const session = useSession();
  return useQuery({ queryKey, queryFn: () => read(backend), enabled: Boolean(session.data) });
}

/** BOON credits held for the signed-in user by the backend (card purchases). */
export const useCredits = () => useSignedInQuery(["credits"], fetchBalance);

export const useLimits = () => useSignedInQuery(["limits"], fetchLimits);
