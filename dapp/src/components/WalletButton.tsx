import { lazy, Suspense, useEffect, useState } from "react";
import { useConnect, useConnection, useConnectors } from "wagmi";
import { DEV_WALLET_KEY } from "../wallet/wagmi.ts";
import { WalletMenu } from "./WalletMenu.tsx";

// The dialog (and the wallet SDK loaders behind it) loads on first open, not with the page.
const ConnectDialog = lazy(() => import("./ConnectDialog.tsx"));

/** The header's wallet control: connect, or the connected account's menu. */
export function WalletButton() {
  const [open, setOpen] = useState(false);
  const { address, status } = useConnection();
  const connectors = useConnectors();
  const { mutate: connect } = useConnect();

  // Dev wallets cannot be re-authorised by wagmi after a reload; restore the last one chosen.
  useEffect(() => {
    if (status !== "disconnected") return;
    const saved = localStorage.getItem(DEV_WALLET_KEY);
    const devConnector = saved ? connectors.find((c) => c.id === saved) : undefined;
    if (devConnector) connect({ connector: devConnector });
  }, [status, connectors, connect]);

  const dialog = open ? (
    <Suspense fallback={null}>
      <ConnectDialog open={open} onClose={() => setOpen(false)} />
    </Suspense>
  ) : null;
  if (address) {
    return (
      <>
        <WalletMenu address={address} onSwitch={() => setOpen(true)} />
        {dialog}
      </>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button primary"
        onClick={() => setOpen(true)}
        disabled={status === "connecting" || status === "reconnecting"}
      >
        Connect wallet
      </button>
      {dialog}
    </>
  );
}
