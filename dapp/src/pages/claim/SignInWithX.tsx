import { useEffect, useState } from "react";
import { ApiError } from "../../api/backend.ts";
import { startXAuthorization, xOutcomeMessage } from "../../api/x.ts";
import { navigate } from "../../app/router.tsx";
import { useServices } from "../../app/services.tsx";

/** Sends the browser to X's consent page; X brings it back here with the outcome in `?x=`. */
export function SignInWithX({ purpose }: { purpose: "sign_in" | "link" }) {
  const { backend } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function start() {
    setBusy(true);
    setError(null);
    try {
      window.location.assign(await startXAuthorization(backend, purpose, "/claim/x"));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "X cannot be reached right now. Try again.");
      setBusy(false);
    }
  }
  return (
    <div className="stack">
      <button
        type="button"
        className="button primary large"
        disabled={busy}
        onClick={() => void start()}
      >
        {busy ? "Opening X…" : purpose === "link" ? "Link your X account" : "Sign in with X"}
      </button>
      <p className="field-error" role={error ? "alert" : undefined}>
        {error ?? ""}
      </p>
    </div>
  );
}

/**
 * What X's callback said (`?x=signed_in|linked|error&code=`), read once; the query is then taken
 * off the address so a reload does not repeat it.
 */
export function useXOutcome(): string | null {
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const outcome = params.get("x");
  useEffect(() => {
    if (outcome !== null)
      navigate(window.location.pathname + window.location.hash, { replace: true });
  }, [outcome]);
  return xOutcomeMessage(outcome, params.get("code"));
}
