import { lazy, Suspense, useState } from "react";
import { Link } from "../app/router.tsx";
import { shortAddress } from "../lib/format.ts";
import { storedWallet } from "../wallet/new-wallet/stored-wallet.ts";

// The passcode form brings the wallet's cryptography with it: loaded when the wallet is chosen.
const UnlockWallet = lazy(() => import("../wallet/new-wallet/UnlockWallet.tsx"));

/**
 * The connect dialog's Boon wallet: the one kept on this device, if there is one (unlocked with its
 * passcode), and the way to create or restore one.
 */
export function BoonWalletSection({
  disabled,
  onConnected,
  onLeave,
}: {
  disabled: boolean;
  onConnected: () => void;
  /** The dialog closes when the user goes to the wallet pages. */
  onLeave: () => void;
}) {
  const [wallet] = useState(() => storedWallet());
  const [unlocking, setUnlocking] = useState(false);
  return (
    <section aria-labelledby="boon-wallet-title">
      <h3 id="boon-wallet-title">Boon wallet</h3>
      {!wallet ? (
        <p className="muted small">
          No wallet? Boon can make one for you, kept in this browser and locked with a passcode.
        </p>
      ) : unlocking ? (
        <Suspense fallback={<p className="muted small">Loading…</p>}>
          <UnlockWallet onConnected={onConnected} />
        </Suspense>
      ) : (
        <ul className="wallet-list">
          <li>
            <button
              type="button"
              className="wallet-option"
              disabled={disabled}
              onClick={() => setUnlocking(true)}
            >
              <span className="wallet-glyph" aria-hidden="true" />
              <span className="wallet-option-text">
                <strong>Boon wallet</strong>
                <small>On this device · {shortAddress(wallet.address)}</small>
              </span>
            </button>
          </li>
        </ul>
      )}
      <p className="small row">
        <Link href="/wallet/new" onClick={onLeave}>
          Create a Boon wallet
        </Link>
        <Link href="/wallet/restore" onClick={onLeave}>
          Restore a wallet
        </Link>
      </p>
    </section>
  );
}
