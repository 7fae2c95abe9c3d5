import { useEffect, useRef, useState } from "react";
import type { Address } from "viem";
import { useConnection, useDisconnect, useSwitchChain } from "wagmi";
import { useServices } from "../app/services.tsx";
import { shortAddress } from "../lib/format.ts";
import { DEV_WALLET_KEY } from "../wallet/wagmi.ts";
import { CopyButton } from "./CopyButton.tsx";

/** The network line of the menu: which chain the wallet is on, and a switch when it is the wrong one. */
function NetworkLine({ onDone }: { onDone: () => void }) {
  const { config } = useServices();
  const { chain, chainId } = useConnection();
  const { mutate: switchChain, isPending } = useSwitchChain();
  const right = chainId === config.chainId;
  return (
    <div className="wallet-menu-network">
      <span className="wallet-menu-label muted small">Network</span>
      <span>
        <span className={`dot${right ? "" : " dot-warn"}`} aria-hidden="true" />{" "}
        {chain?.name ?? `Chain ${chainId}`}
      </span>
      {right ? null : (
        <button
          type="button"
          className="button small"
          disabled={isPending}
          onClick={() => switchChain({ chainId: config.chainId }, { onSuccess: onDone })}
        >
          Switch to chain {config.chainId}
        </button>
      )}
    </div>
  );
}

/** Closes the menu on Escape and on a click outside it. */
function useDismiss(open: boolean, close: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    const onClick = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open, close]);
  return ref;
}

/**
 * The connected wallet's chip; it opens a menu (on phones too): copy the address, switch wallet,
 * disconnect, and the network the wallet is on.
 */
export function WalletMenu({ address, onSwitch }: { address: Address; onSwitch: () => void }) {
  const [open, setOpen] = useState(false);
  const { connector } = useConnection();
  const { mutate: disconnect } = useDisconnect();
  const close = () => setOpen(false);
  const ref = useDismiss(open, close);
  return (
    <div className="wallet-connected" ref={ref}>
      <button
        type="button"
        className="wallet-chip"
        title={address}
        aria-expanded={open}
        aria-controls="wallet-menu"
        onClick={() => setOpen(!open)}
      >
        <span className="dot" aria-hidden="true" />
        <span className="mono">{shortAddress(address)}</span>
        <span className="visually-hidden"> connected with {connector?.name}, wallet menu</span>
      </button>
      {open ? (
        <div id="wallet-menu" className="wallet-menu" data-testid="wallet-menu">
          <p className="mono small wrap">{address}</p>
          <CopyButton text={address} label="Copy address" className="button small" />
          <NetworkLine onDone={close} />
          <button
            type="button"
            className="button small"
            onClick={() => {
              close();
              onSwitch();
            }}
          >
            Switch wallet
          </button>
          <button
            type="button"
            className="button small ghost"
            onClick={() => {
              close();
              localStorage.removeItem(DEV_WALLET_KEY);
              disconnect();
            }}
          >
            Disconnect
          </button>
        </div>
      ) : null}
    </div>
  );
}
