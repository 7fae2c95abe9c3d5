import { type FormEvent, useEffect, useRef, useState } from "react";
import { FormButtons } from "../../components/FormButtons.tsx";
import { describeError } from "../../lib/contract-errors.ts";
import { AddressBlock } from "./AddressBlock.tsx";
import { useConnectBoonWallet } from "./connect-boon.ts";
import { PasswordField } from "./PasswordField.tsx";
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
  const input = useRef<HTMLInputElement>(null);
  // Shown because the user just chose this wallet: the passcode is the next thing to type.
  useEffect(() => input.current?.focus(), []);

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
      <PasswordField
        id="unlock-passcode"
        label="Passcode"
        error={error}
        autoComplete="current-password"
        inputRef={input}
        value={passcode}
        onChange={setPasscode}
      />
      <FormButtons
        primary={{
          label: state === "unlocking" ? "Unlocking…" : "Unlock and connect",
          disabled: state === "unlocking" || passcode === "",
        }}
      />
    </form>
  );
}
