import { lazy, type ReactNode, Suspense } from "react";
import type { Address } from "viem";
import { ChoiceOption } from "../../components/ChoiceOption.tsx";
import { shortAddress } from "../../lib/format.ts";
import "./claim.css";

/** Where claimed tokens go. */
export type Destination =
  | { kind: "wallet"; address: Address }
  | { kind: "new-wallet" }
  | { kind: "credits" };

export const sameDestination = (a: Destination, b: Destination) =>
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

type Choice = { destination: Destination; title: ReactNode; hint: string };

const walletChoice = (address: Address): Choice => ({
  destination: { kind: "wallet", address },
  title: (
    <>
      Wallet <span className="mono">{shortAddress(address)}</span>
    </>
  ),
  hint: "Arrives in this wallet",
});

const otherChoices: Choice[] = [
  {
    destination: { kind: "new-wallet" },
    title: "A new wallet",
    hint: "Made here, with a backup you keep",
  },
  {
    destination: { kind: "credits" },
    title: "Boon credits",
    hint: "No wallet needed; gift it on or withdraw later",
  },
];

/** The choice of where claimed tokens go: a wallet, a new wallet, or Boon credits. */
export function DestinationPicker({ legend, wallets, value, onChange, detail }: Props) {
  const is = (destination: Destination) => value !== null && sameDestination(value, destination);
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {[...wallets.map(walletChoice), ...otherChoices].map(({ destination, title, hint }) => (
        <ChoiceOption
          key={destination.kind === "wallet" ? destination.address : destination.kind}
          name="destination"
          checked={is(destination)}
          onSelect={() => onChange(destination)}
          title={title}
          hint={hint}
        />
      ))}
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
