import { useState } from "react";
import type { Address } from "viem";
import { FormButtons } from "../../components/FormButtons.tsx";
import { encryptKeystore, keystoreFileName } from "./keystore.ts";
import { privateKeyOf, type WalletSecret } from "./phrase.ts";

/** Hands the browser a file to save. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  // The click starts the download synchronously; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The other backup: a Web3 Secret Storage (v3) keystore file locked with the passcode, which
 * MetaMask, geth and most wallets import. Confirmed by saying where it was saved.
 */
export function KeystoreBackup({
  secret,
  address,
  passcode,
  onConfirmed,
  onBack,
  busy,
}: {
  secret: WalletSecret;
  address: Address;
  passcode: string;
  onConfirmed: () => void;
  onBack: () => void;
  busy: boolean;
}) {
  const [state, setState] = useState<"idle" | "encrypting" | "downloaded" | "failed">("idle");
  const [saved, setSaved] = useState(false);

  async function save() {
    setState("encrypting");
    try {
      const keystore = await encryptKeystore(privateKeyOf(secret), passcode);
      download(keystoreFileName(address), JSON.stringify(keystore));
      setState("downloaded");
    } catch {
      setState("failed");
    }
  }

  return (
    <div className="form">
      <p>
        The file holds the wallet's key, encrypted with your passcode. Keep it somewhere other than
        this device (a USB stick, your cloud drive) and remember the passcode: you need both.
      </p>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={state === "encrypting" || busy}
          onClick={() => void save()}
        >
          {state === "encrypting"
            ? "Encrypting…"
            : state === "downloaded"
              ? "Download again"
              : "Download keystore file"}
        </button>
      </div>
      <p role="status" className={state === "failed" ? "field-error" : "muted small"}>
        {state === "failed"
          ? "The file could not be made. Try again, or back up the recovery phrase instead."
          : state === "downloaded"
            ? "Downloaded. Check your downloads folder for a file named UTC--…json."
            : ""}
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={saved}
          disabled={state !== "downloaded"}
          onChange={(e) => setSaved(e.target.checked)}
        />
        <span>I saved the keystore file somewhere other than this device.</span>
      </label>
      <FormButtons
        primary={{
          label: busy ? "Saving the wallet…" : "Confirm backup",
          onClick: onConfirmed,
          disabled: !saved || busy,
        }}
        other={{ label: "Back to the recovery phrase", onClick: onBack, disabled: busy }}
      />
    </div>
  );
}
