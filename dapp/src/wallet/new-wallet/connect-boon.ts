import type { LocalAccount } from "viem";
import { useConnect } from "wagmi";
import { useServices } from "../../app/services.tsx";
import { boonWalletConnector } from "../lazy-connectors.ts";
import { setUnlockedAccount } from "./unlocked.ts";

/** Connects wagmi to the Boon wallet with an account that was just unlocked (or created). */
export function useConnectBoonWallet() {
  const { config } = useServices();
  const { mutateAsync: connect } = useConnect();
  return async (account: LocalAccount) => {
    setUnlockedAccount(account);
    await connect({ connector: await boonWalletConnector(), chainId: config.chainId });
  };
}
