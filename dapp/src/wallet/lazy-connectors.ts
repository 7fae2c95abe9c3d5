import type { CreateConnectorFn } from "wagmi";

/**
 * Connectors whose SDKs are large load only when chosen, so they stay out of the initial bundle.
 * (The SDKs themselves are imported lazily again inside wagmi's connectors.)
 */
export async function coinbaseConnector(): Promise<CreateConnectorFn> {
  const { coinbaseWallet } = await import("@wagmi/connectors");
  return coinbaseWallet({ appName: "Boon", preference: { options: "all" } });
}

export async function walletConnectConnector(projectId: string): Promise<CreateConnectorFn> {
  const { walletConnect } = await import("@wagmi/connectors");
  return walletConnect({
    projectId,
    showQrModal: true,
    metadata: {
      name: "Boon",
      description: "Token gifts to anyone",
      url: window.location.origin,
      icons: [`${window.location.origin}/icons/icon-192.png`],
    },
  });
}

/** The wallet this app keeps on the device (created or restored in it): signs with the unlocked key. */
export async function boonWalletConnector(): Promise<CreateConnectorFn> {
  const { boonWallet } = await import("./new-wallet/connector.ts");
  return boonWallet();
}
