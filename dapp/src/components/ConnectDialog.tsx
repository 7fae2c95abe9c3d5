import { useEffect, useRef, useState } from "react";
import { type Connector, type CreateConnectorFn, useConnect, useConnectors } from "wagmi";
import { useNotices } from "../app/notices.tsx";
import { useServices } from "../app/services.tsx";
import { describeError } from "../lib/contract-errors.ts";
import { coinbaseConnector, walletConnectConnector } from "../wallet/lazy-connectors.ts";
import { DEV_WALLET_KEY, DEV_WALLETS, devConnectorId } from "../wallet/wagmi.ts";
import { BoonWalletSection } from "./BoonWalletSection.tsx";

/** Installed wallets: EIP-6963 announcements, or the legacy injected provider when none announce. */
export function browserWallets(connectors: readonly Connector[]): Connector[] {
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  if (announced.length > 0) return announced;
  const hasLegacy = typeof window !== "undefined" && "ethereum" in window;
  return hasLegacy ? connectors.filter((c) => c.id === "injected") : [];
}

/** What to do when no browser wallet is installed, naming only what this build offers. */
export function noBrowserWalletHint(walletConnect: boolean): string {
  return walletConnect
    ? "No browser wallet found. Connect a phone wallet with WalletConnect below (scan its QR code), or use Coinbase Wallet."
    : "No browser wallet found. Install a wallet extension such as MetaMask or Rabby and reload this page, use Coinbase Wallet below, or open this page in your phone wallet's browser.";
}

/** Every way to connect a wallet, in a modal dialog. */
export default function ConnectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { config } = useServices();
  const connectors = useConnectors();
  const { mutateAsync: connect } = useConnect();
  const { notify } = useNotices();
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal?.();
    if (!open && element.open) element.close?.();
  }, [open]);

  async function choose(id: string, connector: () => Promise<Connector | CreateConnectorFn>) {
    setBusy(id);
    try {
      await connect({ connector: await connector(), chainId: config.chainId });
      if (id.startsWith("dev-")) localStorage.setItem(DEV_WALLET_KEY, id);
      else localStorage.removeItem(DEV_WALLET_KEY);
      onClose();
    } catch (error) {
      const described = describeError(error);
      notify({ tone: "error", title: "Could not connect", message: described.message });
    } finally {
      setBusy(null);
    }
  }

  const wallets = browserWallets(connectors);
  const option = (
    id: string,
    label: string,
    hint: string,
    get: () => Promise<Connector | CreateConnectorFn>,
    icon?: string,
  ) => (
    <li key={id}>
      <button
        type="button"
        className="wallet-option"
        disabled={busy !== null}
        onClick={() => void choose(id, get)}
      >
        {icon ? (
          <img src={icon} alt="" width={28} height={28} />
        ) : (
          <span className="wallet-glyph" aria-hidden="true" />
        )}
        <span className="wallet-option-text">
          <strong>{label}</strong>
          <small>{busy === id ? "Connecting…" : hint}</small>
        </span>
      </button>
    </li>
  );

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="connect-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <div className="dialog-head">
        <h2 id="connect-title">Connect a wallet</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {config.isLocalChain ? (
        <section aria-labelledby="dev-title">
          <h3 id="dev-title">Dev wallet</h3>
          <p className="muted small">
            Local chain only: demo accounts with test BOON. No extension needed.
          </p>
          <ul className="wallet-list">
            {DEV_WALLETS.map((name) => {
              const connector = connectors.find((c) => c.id === devConnectorId(name));
              return connector
                ? option(
                    connector.id,
                    name[0]?.toUpperCase() + name.slice(1),
                    "Demo account",
                    async () => connector,
                  )
                : null;
            })}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="browser-title">
        <h3 id="browser-title">Browser wallets</h3>
        {wallets.length === 0 ? (
          <p className="muted small" data-testid="no-browser-wallet">
            {noBrowserWalletHint(Boolean(config.walletConnectProjectId))}
          </p>
        ) : (
          <ul className="wallet-list">
            {wallets.map((c) =>
              option(
                c.id,
                c.id === "injected" ? "Browser wallet" : c.name,
                "Installed",
                async () => c,
                c.icon,
              ),
            )}
          </ul>
        )}
      </section>
      <BoonWalletSection
        disabled={busy !== null}
        onConnected={() => {
          localStorage.removeItem(DEV_WALLET_KEY);
          onClose();
        }}
        onLeave={onClose}
      />
      <section aria-labelledby="other-title">
        <h3 id="other-title">Other wallets</h3>
        <ul className="wallet-list">
          {option(
            "coinbase",
            "Coinbase Wallet",
            "Passkey wallet, app or extension",
            coinbaseConnector,
          )}
          {config.walletConnectProjectId
            ? option("walletconnect", "WalletConnect", "Scan with a mobile wallet", () =>
                walletConnectConnector(config.walletConnectProjectId as string),
              )
            : null}
        </ul>
      </section>
    </dialog>
  );
}
