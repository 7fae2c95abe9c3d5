import type { Backend } from "../api/backend.ts";
import type { BatchEntry } from "./batch.ts";
import { resolveRecipient, SIGN_IN_FOR_X, type XRecipient } from "./recipient.ts";

/** Every X line's account (null for other lines, in entry order), or every line that failed. */
export type ResolvedBatch =
  | { ok: true; accounts: (XRecipient | null)[] }
  | { ok: false; errors: string[] };

/**
 * Looks up every X line of a batch, one at a time (X rate-limits lookups; batches are small). Any
 * failure refuses the whole batch, each named by its line, so nothing is sent to a wrong account.
 * Signed out, every lookup would fail the same way: that is said once.
 */
export async function resolveBatch(
  backend: Backend,
  entries: BatchEntry[],
): Promise<ResolvedBatch> {
  const accounts: (XRecipient | null)[] = [];
  const errors: string[] = [];
  for (const entry of entries) {
    if (!("x" in entry)) {
      accounts.push(null);
      continue;
    }
    const resolved = await resolveRecipient(backend, entry.x);
    if (resolved.ok) {
      accounts.push(resolved.x);
      continue;
    }
    if (resolved.message === SIGN_IN_FOR_X) return { ok: false, errors: [SIGN_IN_FOR_X] };
    errors.push(`Line ${entry.line}: ${resolved.message}`);
    accounts.push(null);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, accounts };
}
