import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import type { Address } from "viem";
import { FormAlert } from "../../components/FormAlert.tsx";
import { FormButtons } from "../../components/FormButtons.tsx";
import { describeError } from "../../lib/contract-errors.ts";
import { AddressBlock } from "./AddressBlock.tsx";
import { BackupQuiz } from "./BackupQuiz.tsx";
import { useConnectBoonWallet } from "./connect-boon.ts";
import { KeystoreBackup } from "./KeystoreBackup.tsx";
import { PasscodeFields, type Passcodes } from "./PasscodeFields.tsx";
import { PhraseGrid } from "./PhraseGrid.tsx";
import { accountOf, createPhrase, type WalletSecret } from "./phrase.ts";
import { storedWallet } from "./stored-wallet.ts";
import { passcodeProblem, saveWallet } from "./vault.ts";
import "./new-wallet.css";

type Step = "existing" | "passcode" | "phrase" | "quiz" | "keystore" | "done";

const titles: Record<Step, string> = {
  existing: "This device already has a Boon wallet",
  passcode: "Create a Boon wallet",
  phrase: "Write down your recovery phrase",
  quiz: "Confirm your backup",
  keystore: "Back up with a keystore file",
  done: "Your Boon wallet is ready",
};
const stepNumbers: Partial<Record<Step, string>> = {
  passcode: "Step 1 of 3",
  phrase: "Step 2 of 3",
  keystore: "Step 2 of 3",
  quiz: "Step 3 of 3",
};

/** The card every step shows in; its heading takes focus so screen readers hear each new step. */
function StepCard({ step, children }: { step: Step; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    // Only when the step changes, not on mount: the flow may sit below content still being read.
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);
  return (
    <section className="card new-wallet" aria-labelledby="new-wallet-title" data-step={step}>
      {stepNumbers[step] ? <p className="stat-label">{stepNumbers[step]}</p> : null}
      <h2 id="new-wallet-title" ref={heading} tabIndex={-1}>
        {titles[step]}
      </h2>
      {children}
    </section>
  );
}

function PasscodeStep({ onDone }: { onDone: (passcode: string) => void }) {
  const [value, setValue] = useState<Passcodes>({ passcode: "", repeat: "" });
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = passcodeProblem(value.passcode, value.repeat);
    setError(problem);
    if (!problem) onDone(value.passcode);
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        A wallet of your own, kept in this browser and locked with a passcode you choose. Boon never
        sees its key; you back it up in the next step, before you use it.
      </p>
      <PasscodeFields value={value} onChange={setValue} error={error} />
      <FormButtons primary={{ label: "Continue" }} />
    </form>
  );
}

type PhraseStepProps = { phrase: string; onWritten: () => void; onKeystore: () => void };

function PhraseStep({ phrase, onWritten, onKeystore }: PhraseStepProps) {
  return (
    <>
      <div className="warning-box">
        <p>
          <strong>These 12 words are the wallet.</strong> Anyone who has them can take its tokens;
          Boon cannot recover them for you. Write them on paper, in order, and keep it safe. Never
          type them into a website or share them, not even with Boon support.
        </p>
      </div>
      <PhraseGrid phrase={phrase} />
      <FormButtons
        primary={{ label: "I wrote the words down", onClick: onWritten }}
        other={{ label: "Download a keystore file instead", onClick: onKeystore }}
      />
    </>
  );
}

type ExistingStepProps = { address: Address; onUse: () => void; onReplace: () => void };

function ExistingStep({ address, onUse, onReplace }: ExistingStepProps) {
  return (
    <>
      <AddressBlock address={address} />
      <p className="muted small">
        A new wallet replaces it on this device: afterwards only its recovery phrase or keystore
        file opens the old one.
      </p>
      <FormButtons
        primary={{ label: "Use this wallet", onClick: onUse }}
        other={{ label: "Create a new wallet instead", onClick: onReplace }}
      />
    </>
  );
}

export type CreateWalletFlowProps = {
  /** Called once the wallet is backed up and saved on the device (or an existing one is chosen). */
  onCreated: (address: Address) => void;
  /** Also connect the app to the new wallet (the Boon wallet connector), already unlocked. */
  connectAfter?: boolean;
};

/** Saves the backed-up wallet on the device, reports it, and connects it if asked to. */
function useSaveNewWallet(phrase: string, onCreated: (address: Address) => void, connect: boolean) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectBoon = useConnectBoonWallet();
  async function save(passcode: string): Promise<boolean> {
    const secret: WalletSecret = { kind: "phrase", phrase };
    setSaving(true);
    setError(null);
    try {
      await saveWallet(secret, passcode);
    } catch (cause) {
      setError(`The wallet could not be saved on this device: ${describeError(cause).message}`);
      return false;
    } finally {
      setSaving(false);
    }
    const account = accountOf(secret);
    onCreated(account.address);
    if (connect) {
      await connectBoon(account).catch((cause: unknown) =>
        setError(`Saved, but not connected: ${describeError(cause).message}`),
      );
    }
    return true;
  }
  return { saving, error, save };
}

/**
 * Creates a wallet for someone who has none: a passcode, a new BIP-39 phrase, a backup that must be
 * confirmed (three words typed back, or a keystore file saved), and only then the wallet is saved
 * on the device (encrypted) and handed to `onCreated`.
 */
export function CreateWalletFlow({ onCreated, connectAfter = false }: CreateWalletFlowProps) {
  const existing = useMemo(() => storedWallet(), []);
  const [step, setStep] = useState<Step>(existing ? "existing" : "passcode");
  const [phrase] = useState(createPhrase);
  const address = useMemo(() => accountOf({ kind: "phrase", phrase }).address, [phrase]);
  const [passcode, setPasscode] = useState("");
  const { saving, error, save } = useSaveNewWallet(phrase, onCreated, connectAfter);
  // Either backup ends the same way: confirmed, the wallet is saved; or back to the phrase.
  const backupEnd = {
    busy: saving,
    onConfirmed: () => void save(passcode).then((saved) => saved && setStep("done")),
    onBack: () => setStep("phrase"),
  };

  return (
    <StepCard step={step}>
      {step === "existing" && existing ? (
        <ExistingStep
          address={existing.address}
          onUse={() => onCreated(existing.address)}
          onReplace={() => setStep("passcode")}
        />
      ) : null}
      {step === "passcode" ? (
        <PasscodeStep
          onDone={(chosen) => {
            setPasscode(chosen);
            setStep("phrase");
          }}
        />
      ) : null}
      {step === "phrase" ? (
        <PhraseStep
          phrase={phrase}
          onWritten={() => setStep("quiz")}
          onKeystore={() => setStep("keystore")}
        />
      ) : null}
      {step === "quiz" ? <BackupQuiz phrase={phrase} {...backupEnd} /> : null}
      {step === "keystore" ? (
        <KeystoreBackup
          secret={{ kind: "phrase", phrase }}
          address={address}
          passcode={passcode}
          {...backupEnd}
        />
      ) : null}
      {step === "done" ? (
        <>
          <p>Backed up and saved on this device, locked with your passcode.</p>
          <AddressBlock address={address} label="Your wallet's address" />
        </>
      ) : null}
      <FormAlert>{error}</FormAlert>
    </StepCard>
  );
}

export default CreateWalletFlow;
