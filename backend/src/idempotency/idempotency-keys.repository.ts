import type { Queryable } from "../db/pool.ts";

export type IdempotencyRef = { userId: string; scope: string; key: string };

/** Queues transactions using the same key behind each other until they end. */
export async function lockIdempotencyKey(db: Queryable, ref: IdempotencyRef): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", [
    `${ref.userId}\n${ref.scope}\n${ref.key}`,
  ]);
}

export type StoredAnswer = { requestHash: string; answer: unknown };

export async function findStoredAnswer(
  db: Queryable,
  ref: IdempotencyRef,
): Promise<StoredAnswer | undefined> {
  const { rows } = await db.query<{ request_hash: string; response_body: unknown }>(
    `SELECT request_hash, response_body FROM idempotency_keys
      WHERE user_id = $1 AND scope = $2 AND key = $3`,
    [ref.userId, ref.scope, ref.key],
  );
  const row = rows[0];
  return row && { requestHash: row.request_hash, answer: row.response_body };
}

/**
 * Stores the answer of a key's first request. `response_status` (migration 0006) is always 201:
 * every idempotent operation creates something; the answer itself is the body.
 */
export async function storeAnswer(
  db: Queryable,
  ref: IdempotencyRef & { requestHash: string },
  answer: unknown,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (user_id, scope, key, request_hash, response_status, response_body)
     VALUES ($1, $2, $3, $4, 201, $5)`,
    [ref.userId, ref.scope, ref.key, ref.requestHash, JSON.stringify(answer)],
  );
}
