import type { Pool, PoolClient, Queryable } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { conflict } from "../errors.ts";
import {
  findStoredAnswer,
  type IdempotencyRef,
  lockIdempotencyKey,
  storeAnswer,
} from "./idempotency-keys.repository.ts";

/**
 * Runs `fn` at most once per (user, scope, key), in one transaction with its stored answer:
 * - a transaction-scoped advisory lock on the key makes parallel requests with one key queue up;
 * - the first stores its answer with its effects; the others then get that answer back (`replayed`);
 * - a different request (hash) under the same key is a conflict `idempotency_conflict`;
 * - if `fn` throws, nothing is stored and the key may be retried.
 */
export async function withIdempotency<T>(
  pool: Pool,
  ref: IdempotencyRef & { requestHash: string },
  fn: (db: PoolClient) => Promise<T>,
): Promise<{ answer: T; replayed: boolean }> {
  return withTransaction(pool, async (db) => {
    await lockIdempotencyKey(db, ref);
    const stored = await storedAnswer<T>(db, ref);
    if (stored) return stored;
    const answer = await fn(db);
    await storeAnswer(db, ref, answer);
    return { answer, replayed: false };
  });
}

/**
 * The stored answer of a key already used with this request (`replayed`), a conflict if it was used
 * with another, undefined if unused. Lets a handler replay before work that must not run twice or
 * may fail on a retry (a lookup at an outside service); `withIdempotency` checks again under the lock.
 */
export async function storedAnswer<T>(
  db: Queryable,
  ref: IdempotencyRef & { requestHash: string },
): Promise<{ answer: T; replayed: true } | undefined> {
  const stored = await findStoredAnswer(db, ref);
  if (!stored) return undefined;
  if (stored.requestHash !== ref.requestHash) {
    throw conflict(
      "idempotency_conflict",
      "This Idempotency-Key was already used with a different request; use a new key for a new request",
    );
  }
  return { answer: stored.answer as T, replayed: true };
}
