import { Link } from "../../app/router.tsx";
import { ConnectPrompt } from "../../components/ConnectPrompt.tsx";
import type { SendForm } from "./use-send-form.ts";

function submitLabel(form: SendForm): string {
  if (form.busy) return "Sending…";
  if (form.mode === "batch") return "Send all";
  return form.input.kind === "link" ? "Create claim link" : "Send gift";
}

/** The submit button, or what is missing before the gift can be paid for. */
export function SubmitArea({
  form,
  hasWallet,
  signedIn,
}: {
  form: SendForm;
  hasWallet: boolean;
  signedIn: boolean;
}) {
  if (form.payWith === "wallet" && !hasWallet)
    return (
      <ConnectPrompt title="Connect to send" text="Gifts paid from a wallet need it connected." />
    );
  if (form.payWith === "credits" && !signedIn)
    return (
      <p>
        <Link href="/account">Sign in</Link> to pay with credits.
      </p>
    );
  return (
    <button type="submit" className="button primary large" disabled={form.busy}>
      {submitLabel(form)}
    </button>
  );
}
