import { useId } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { Link } from "../../app/router.tsx";
import { useAuthActions } from "../../app/session.ts";
import { useXRecipient } from "./use-x-recipient.ts";

/** Wallet users sign in (SIWE) so Boon may look X accounts up for them. */
function SignInToResolve() {
  const { address } = useConnection();
  const { mutateAsync: signMessage } = useSignMessage();
  const { signInWithEthereum } = useAuthActions();
  if (!address)
    return (
      <p className="field-hint">
        <Link href="/account">Sign in</Link> to send to an X account: Boon looks the account up on X
        for you.
      </p>
    );
  return (
    <p className="field-hint">
      Boon looks X accounts up for signed-in users.{" "}
      <button
        type="button"
        className="button small"
        onClick={() =>
          void signInWithEthereum(address, (message) => signMessage({ message })).catch(() => {})
        }
      >
        Sign in with Ethereum
      </button>
    </p>
  );
}

/** Who an X recipient is, as Boon resolved it (or why it cannot be). */
function Resolution({ text }: { text: string }) {
  const x = useXRecipient(text);
  if (text.trim() === "")
    return <p className="field-hint">An @handle, a profile link or a post link.</p>;
  if (!x.parsed.ok && !x.typing) return <p className="field-error">{x.parsed.message}</p>;
  if (!x.named || x.typing) return <p className="field-hint">…</p>;
  if (!x.signedIn) return x.sessionPending ? null : <SignInToResolve />;
  const answer = x.resolved.data;
  if (!answer) return <p className="field-hint">Looking up {x.named.label} on X…</p>;
  if (!answer.ok)
    return (
      <p className="field-error" role="alert" data-testid="x-recipient-error">
        {answer.message}
      </p>
    );
  return (
    <p className="field-hint" data-testid="x-recipient">
      To <strong>{answer.x.name}</strong> (@{answer.x.handle}). It waits for them to sign in with X
      on Boon{answer.x.postText ? <>, in reply to “{answer.x.postText}”</> : null}.
    </p>
  );
}

/** The X account field: a handle, profile link or post link, resolved as the sender types. */
export function XRecipientField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (patch: { to: string }) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>X account or post</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange({ to: e.target.value })}
        placeholder="@handle or https://x.com/name/status/…"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={Boolean(error)}
      />
      {error ? <p className="field-error">{error}</p> : <Resolution text={value} />}
    </div>
  );
}
