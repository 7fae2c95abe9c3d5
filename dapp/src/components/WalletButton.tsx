import { lazy, Suspense, useEffect, useState } from "react";
import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";
import { shortAddress } from "../lib/format.ts";
import { DEV_WALLET_KEY } from "../wallet/wagmi.ts";

// The dialog (and the wallet SDK loaders behind it) loads on first open, not with the page.
const ConnectDialog = lazy(() => import("./ConnectDialog.tsx"));

/** The header's wallet control: connect, or the connected account with a way out. */
export function WalletButton() {
  const [open, setOpen] = useState(false);
  const { address, status, connector } = useConnection();
  const { mutate: disconnect } = useDisconnect();
  const connectors = useConnectors();
  const { mutate: connect } = useConnect();

  // Dev wallets cannot be re-authorised by wagmi after a reload; restore the last one chosen.
  useEffect(() => {
    if (status !== "disconnected") return;
    const saved = localStorage.getItem(DEV_WALLET_KEY);
    const devConnector = saved ? connectors.find((c) => c.id === saved) : undefined;
    if (devConnector) connect({ connector: devConnector });
  }, [status, connectors, connect]);

  if (address) {
    return (
      <div className="wallet-connected">
        <span className="wallet-chip" title={address}>
          <span className="dot" aria-hidden="true" />
          <span className="mono">{shortAddress(address)}</span>
          <span className="visually-hidden"> connected with {connector?.name}</span>
        </span>
        <button
          type="button"
          className="button ghost small"
          onClick={() => {
            localStorage.removeItem(DEV_WALLET_KEY);
            disconnect();
          }}
        >
          Disconnect
        </button>
      </div>
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
      {open ? (
        <Suspense fallback={null}>
          <ConnectDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
