import { useState } from "react";
import { ApiError } from "../api/backend.ts";
import { describeError } from "../lib/contract-errors.ts";

/** Boon's refusal as it words it, anything else (wallet, chain) in plain words. */
function errorInWords(error: unknown): string {
  return error instanceof ApiError ? error.message : describeError(error).message;
}

/**
 * Runs an action with one busy flag and its failure in words; `describe` may answer null for a
 * failure already told elsewhere (it then shows no error).
 */
export function useAttempt(describe: (error: unknown) => string | null = errorInWords) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function attempt(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, attempt };
}
