import { type FormEvent, useMemo, useState } from "react";
import type { Address } from "viem";
import { describeError } from "../../lib/contract-errors.ts";
import { AddressBlock } from "./AddressBlock.tsx";
import { useConnectBoonWallet } from "./connect-boon.ts";
import { decryptKeystore, KeystoreError } from "./keystore.ts";
import { PasscodeFields, type Passcodes } from "./PasscodeFields.tsx";
import { accountOf, checkPhrase, type WalletSecret } from "./phrase.ts";
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

function SourceFields({
  mode,
  source,
  onChange,
  error,
}: {
  mode: Mode;
  source: Source;
  onChange: (source: Source) => void;
  error: string | null;
}) {
  const note = (
    <p id="restore-source-note" className="field-error" role="alert">
      {error ?? ""}
    </p>
  );
  if (mode === "phrase") {
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor="restore-phrase">Recovery phrase</label>
        <textarea
          id="restore-phrase"
          rows={3}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={source.phrase}
          aria-invalid={Boolean(error)}
          aria-describedby="restore-source-note"
          onChange={(e) => onChange({ ...source, phrase: e.target.value })}
        />
        {note}
      </div>
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
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor="restore-file-password">The file's password</label>
        <input
          id="restore-file-password"
          type="password"
          autoComplete="off"
          value={source.filePassword}
          aria-invalid={Boolean(error)}
          aria-describedby="restore-source-note"
          onChange={(e) => onChange({ ...source, filePassword: e.target.value })}
        />
        {note}
      </div>
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
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
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
        {errors.form ? (
          <p role="alert" className="field-error">
            {errors.form}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Restoring…" : "Restore wallet"}
          </button>
        </div>
      </form>
    </section>
  );
}

export default RestoreWalletFlow;
