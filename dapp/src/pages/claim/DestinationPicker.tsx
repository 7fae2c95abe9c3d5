import { lazy, type ReactNode, Suspense } from "react";
import type { Address } from "viem";
import { shortAddress } from "../../lib/format.ts";
import "./claim.css";

/** Where claimed tokens go. */
export type Destination =
  | { kind: "wallet"; address: Address }
  | { kind: "new-wallet" }
  | { kind: "credits" };

const sameDestination = (a: Destination, b: Destination) =>
  a.kind === b.kind &&
  (a.kind !== "wallet" ||
    (b.kind === "wallet" && a.address.toLowerCase() === b.address.toLowerCase()));

type Props = {
  legend: string;
  /** Wallets the tokens may go to (for X gifts: only wallets the user proved). */
  wallets: Address[];
  value: Destination | null;
  onChange: (destination: Destination) => void;
  /** Shown under the choices for the one selected: a sign-in, a wallet to create or prove. */
  detail?: ReactNode;
};

function Option(props: { checked: boolean; onSelect: () => void; title: ReactNode; hint: string }) {
  return (
    <label className={props.checked ? "selected" : ""}>
      <input type="radio" name="destination" checked={props.checked} onChange={props.onSelect} />
      <span>
        <strong>{props.title}</strong>
        <small>{props.hint}</small>
      </span>
    </label>
  );
}

/** The choice of where claimed tokens go: a wallet, a new wallet, or Boon credits. */
export function DestinationPicker({ legend, wallets, value, onChange, detail }: Props) {
  const is = (destination: Destination) => value !== null && sameDestination(value, destination);
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {wallets.map((address) => (
        <Option
          key={address}
          checked={is({ kind: "wallet", address })}
          onSelect={() => onChange({ kind: "wallet", address })}
          title={
            <>
              Wallet <span className="mono">{shortAddress(address)}</span>
            </>
          }
          hint="Arrives in this wallet"
        />
      ))}
      <Option
        checked={is({ kind: "new-wallet" })}
        onSelect={() => onChange({ kind: "new-wallet" })}
        title="A new wallet"
        hint="Made here, with a backup you keep"
      />
      <Option
        checked={is({ kind: "credits" })}
        onSelect={() => onChange({ kind: "credits" })}
        title="Boon credits"
        hint="No wallet needed; gift it on or withdraw later"
      />
      {detail ? <div className="stack">{detail}</div> : null}
    </fieldset>
  );
}

// The wallet maker (phrase, passcode, keystore) loads only when someone chooses it.
const CreateWalletFlow = lazy(() => import("../../wallet/new-wallet/CreateWalletFlow.tsx"));

/**
 * A wallet made here: backed up (phrase confirmed or keystore saved) before it is handed over, and
 * connected, so it can sign what the claim needs.
 */
export function NewWallet({ onCreated }: { onCreated: (address: Address) => void }) {
  return (
    <Suspense fallback={<p aria-busy="true">Opening the wallet maker…</p>}>
      <CreateWalletFlow onCreated={onCreated} connectAfter />
    </Suspense>
  );
}
