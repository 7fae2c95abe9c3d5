import { type FormEvent, useId, useState } from "react";
import { useConnection, useSignMessage } from "wagmi";
import { useAttempt } from "../app/attempt.ts";
import { useServices } from "../app/services.tsx";
import { useAuthActions } from "../app/session.ts";

/** Sign in with the connected wallet (SIWE) or with an emailed code (card users). */
export function SignIn() {
  const id = useId();
  const { config } = useServices();
  const { address } = useConnection();
  const { mutateAsync: signMessage } = useSignMessage();
  const { signInWithEthereum, startEmail, verifyEmail } = useAuthActions();
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const { busy, error, attempt } = useAttempt();

  const onEmail = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => {
      if (!codeSent) {
        await startEmail(email.trim());
        setCodeSent(true);
      } else {
        await verifyEmail(email.trim(), code.trim());
      }
    });
  };

  return (
    <div className="card signin">
      <h2>Sign in</h2>
      {address ? (
        <div className="stack">
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() =>
              void attempt(() => signInWithEthereum(address, (m) => signMessage({ message: m })))
            }
          >
            Sign in with Ethereum
          </button>
          <p className="muted small">Your wallet signs a message. No transaction, no fee.</p>
        </div>
      ) : null}
      <form className="stack" onSubmit={onEmail}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{address ? "Or with your email" : "Email"}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            disabled={codeSent}
            required
          />
        </div>
        {codeSent ? (
          <div className="field">
            <label htmlFor={`${id}-code`}>6-digit code from the email</label>
            <input
              id={`${id}-code`}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
            {config.mailInboxUrl ? (
              <p className="field-hint">
                Local stack: read it in the{" "}
                <a href={config.mailInboxUrl} target="_blank" rel="noreferrer">
                  local inbox
                </a>
                .
              </p>
            ) : null}
          </div>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {codeSent ? "Sign in" : "Email me a code"}
        </button>
      </form>
      <p className="field-error" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
    </div>
  );
}
