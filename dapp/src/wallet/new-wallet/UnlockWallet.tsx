import { type FormEvent, useState } from "react";
import { describeError } from "../../lib/contract-errors.ts";
import { AddressBlock } from "./AddressBlock.tsx";
import { useConnectBoonWallet } from "./connect-boon.ts";
import { storedWallet } from "./stored-wallet.ts";
import { unlockWallet, WrongPasscodeError } from "./vault.ts";
import "./new-wallet.css";

/** Unlocks the wallet kept on this device with its passcode and connects the app to it. */
export default function UnlockWallet({ onConnected }: { onConnected: () => void }) {
  const wallet = storedWallet();
  const [passcode, setPasscode] = useState("");
  const [state, setState] = useState<"idle" | "unlocking">("idle");
  const [error, setError] = useState<string | null>(null);
  const connectBoon = useConnectBoonWallet();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState("unlocking");
    setError(null);
    try {
      const { account } = await unlockWallet(passcode);
      await connectBoon(account);
      onConnected();
    } catch (cause) {
      setError(cause instanceof WrongPasscodeError ? cause.message : describeError(cause).message);
      setState("idle");
    }
  }

  if (!wallet) return <p className="muted small">There is no Boon wallet on this device.</p>;
  return (
    <form className="form unlock-wallet" onSubmit={(e) => void submit(e)} noValidate>
      <AddressBlock address={wallet.address} />
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor="unlock-passcode">Passcode</label>
        <input
          id="unlock-passcode"
          type="password"
          autoComplete="current-password"
          value={passcode}
          aria-invalid={Boolean(error)}
          aria-describedby="unlock-passcode-note"
          onChange={(e) => setPasscode(e.target.value)}
        />
        <p id="unlock-passcode-note" className="field-error" role="alert">
          {error ?? ""}
        </p>
      </div>
      <div className="row">
        <button
          type="submit"
          className="button primary"
          disabled={state === "unlocking" || passcode === ""}
        >
          {state === "unlocking" ? "Unlocking…" : "Unlock and connect"}
        </button>
      </div>
    </form>
  );
}
