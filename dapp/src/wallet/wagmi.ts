import { devAccounts } from "@boon/contracts";
import { type Chain, defineChain } from "viem";
import { createConfig, createConnector, http, injected, mock } from "wagmi";
import type { AppConfig } from "../config/config.ts";

export const DEV_WALLETS = ["alice", "bob", "carol"] as const;
export type DevWalletName = (typeof DEV_WALLETS)[number];
/** Remembers the dev wallet chosen last, to restore it after a reload. */
export const DEV_WALLET_KEY = "boon.devWallet";
export const devConnectorId = (name: DevWalletName) => `dev-${name}`;

/** The chain the app works on, with its RPC URL from the environment. */
export function appChain(config: AppConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.isLocalChain ? "Boon local chain" : `Chain ${config.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
}

/**
 * A "Dev wallet" for a demo account: wagmi's mock connector, which has the local node sign with its
 * unlocked account, so a newcomer can try everything without a browser extension.
 */
function devWallet(name: DevWalletName) {
  const inner = mock({ accounts: [devAccounts[name].address] });
  return createConnector((wagmiConfig) => ({
    ...inner(wagmiConfig),
    id: devConnectorId(name),
    name: `Dev wallet · ${name}`,
  }));
}

export function createWagmiConfig(config: AppConfig) {
  const chain = appChain(config);
  return createConfig({
    chains: [chain],
    transports: { [chain.id]: http(config.rpcUrl) },
    // EIP-6963 discovery adds one connector per installed wallet; `injected` covers older ones.
    multiInjectedProviderDiscovery: true,
    connectors: [
      injected({ shimDisconnect: true }),
      ...(config.isLocalChain ? DEV_WALLETS.map(devWallet) : []),
    ],
  });
}
export type WagmiConfig = ReturnType<typeof createWagmiConfig>;
