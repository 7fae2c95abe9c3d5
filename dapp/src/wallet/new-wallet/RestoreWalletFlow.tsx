import { type FormEvent, useMemo, useState } from "react";
import type { Address } from "viem";
import { FormAlert } from "../../components/FormAlert.tsx";
import { FormButtons } from "../../components/FormButtons.tsx";
import { FormField } from "../../components/FormField.tsx";
import { describeError } from "../../lib/contract-errors.ts";
import { AddressBlock } from "./AddressBlock.tsx";
import { useConnectBoonWallet } from "./connect-boon.ts";
import { decryptKeystore, KeystoreError } from "./keystore.ts";
import { PasscodeFields, type Passcodes } from "./PasscodeFields.tsx";
import { PasswordField } from "./PasswordField.tsx";
import { accountOf, checkPhrase, type WalletSecret } from "./phrase.ts";
import { phraseInputProps } from "./phrase-input.ts";
import { storedWallet } from "./stored-wallet.ts";
import { passcodeProblem, saveWallet } from "./vault.ts";
import "./new-wallet.css";

type Mode = "phrase" | "keystore";
type Source = { phrase: string; file: File | null; filePassword: string };

/** A problem with what the user typed or chose, shown by the field it concerns. */
class SourceProblem extends Error {}

async function secretFrom(mode: Mode, source: Source): Promise<WalletSecret> {
  if (mode === "phrase") {
    const checked = checkPhrase(source.phrase);
    if (!checked.ok) throw new SourceProblem(checked.reason);
    return { kind: "phrase", phrase: checked.phrase };
  }
  if (!source.file) throw new SourceProblem("Choose the keystore file.");
  let json: unknown;
  try {
    json = JSON.parse(await source.file.text());
  } catch {
    throw new SourceProblem("This file is not a keystore file (it is not JSON).");
  }
  try {
    return { kind: "privateKey", key: await decryptKeystore(json, source.filePassword) };
  } catch (cause) {
    if (cause instanceof KeystoreError) throw new SourceProblem(cause.message);
    throw cause;
  }
}

type SourceFieldsProps = {
  mode: Mode;
  source: Source;
  onChange: (source: Source) => void;
  error: string | null;
};

function SourceFields({ mode, source, onChange, error }: SourceFieldsProps) {
  if (mode === "phrase") {
    return (
      <FormField id="restore-phrase" label="Recovery phrase" error={error} errorNote="alert">
        {(props) => (
          <textarea
            {...props}
            {...phraseInputProps}
            rows={3}
            value={source.phrase}
            onChange={(e) => onChange({ ...source, phrase: e.target.value })}
          />
        )}
      </FormField>
    );
  }
  return (
    <>
      <div className="field">
        <label htmlFor="restore-file">Keystore file</label>
        <input
          id="restore-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => onChange({ ...source, file: e.target.files?.[0] ?? null })}
        />
      </div>
      <PasswordField
        id="restore-file-password"
        label="The file's password"
        autoComplete="off"
        error={error}
        value={source.filePassword}
        onChange={(filePassword) => onChange({ ...source, filePassword })}
      />
    </>
  );
}

function ModeSwitch({ mode, onChange }: { mode: Mode; onChange: (mode: Mode) => void }) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Restore from</legend>
      {(["phrase", "keystore"] as const).map((m) => (
        <button
          key={m}
          type="button"
          className={mode === m ? "active" : ""}
          aria-pressed={mode === m}
          onClick={() => onChange(m)}
        >
          {m === "phrase" ? "Recovery phrase" : "Keystore file"}
        </button>
      ))}
    </fieldset>
  );
}

function RestoredCard({ address, error }: { address: Address; error: string | undefined }) {
  return (
    <section className="card new-wallet" aria-labelledby="restore-title">
      <h2 id="restore-title">Wallet restored</h2>
      <p>Saved on this device, locked with your new passcode.</p>
      <AddressBlock address={address} label="Your wallet's address" />
      <FormAlert>{error}</FormAlert>
    </section>
  );
}

export type RestoreWalletFlowProps = {
  onRestored: (address: Address) => void;
  connectAfter?: boolean;
};

/** Brings a wallet back onto this device from its recovery phrase (or a keystore file). */
export function RestoreWalletFlow({ onRestored, connectAfter = false }: RestoreWalletFlowProps) {
  const existing = useMemo(() => storedWallet(), []);
  const [mode, setMode] = useState<Mode>("phrase");
  const [source, setSource] = useState<Source>({ phrase: "", file: null, filePassword: "" });
  const [passcodes, setPasscodes] = useState<Passcodes>({ passcode: "", repeat: "" });
  const [errors, setErrors] = useState<{ source?: string; passcode?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState<Address | null>(null);
  const connectBoon = useConnectBoonWallet();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const passcode = passcodeProblem(passcodes.passcode, passcodes.repeat) ?? undefined;
    setErrors({ passcode });
    if (passcode) return;
    setBusy(true);
    try {
      const secret = await secretFrom(mode, source);
      await saveWallet(secret, passcodes.passcode);
      setRestored(accountOf(secret).address);
      onRestored(accountOf(secret).address);
      if (connectAfter) await connectBoon(accountOf(secret));
    } catch (cause) {
      if (cause instanceof SourceProblem) setErrors({ source: cause.message });
      else setErrors({ form: describeError(cause).message });
    } finally {
      setBusy(false);
    }
  }

  if (restored) return <RestoredCard address={restored} error={errors.form} />;
  return (
    <section className="card new-wallet" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore a wallet</h2>
      <ModeSwitch
        mode={mode}
        onChange={(m) => {
          setMode(m);
          setErrors({});
        }}
      />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <SourceFields
          mode={mode}
          source={source}
          onChange={setSource}
          error={errors.source ?? null}
        />
        <p className="muted small">Then choose a passcode to lock it on this device.</p>
        <PasscodeFields value={passcodes} onChange={setPasscodes} error={errors.passcode ?? null} />
        {existing ? (
          <p className="warning-box small">
            This replaces the Boon wallet on this device ({existing.address}). Make sure you have
            its recovery phrase or keystore file.
          </p>
        ) : null}
        <FormAlert>{errors.form}</FormAlert>
        <FormButtons primary={{ label: busy ? "Restoring…" : "Restore wallet", disabled: busy }} />
      </form>
    </section>
  );
}

export default RestoreWalletFlow;
