import type { Queryable } from "../db/pool.ts";

/** Stores a fresh nonce valid for `ttlSeconds`; returns its expiry. */
export async function insertNonce(db: Queryable, nonce: string, ttlSeconds: number): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO siwe_nonces (nonce, expires_at) VALUES ($1, now() + make_interval(secs => $2))
     RETURNING expires_at`,
    [nonce, ttlSeconds],
  );
  return (rows[0] as { expires_at: Date }).expires_at;
}

/** Marks an unused, unexpired nonce used; true for exactly one caller per nonce. */
export async function spendNonce(db: Queryable, nonce: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "UPDATE siwe_nonces SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now()",
    [nonce],
  );
  return (rowCount ?? 0) > 0;
}

export async function findNonce(
  db: Queryable,
  nonce: string,
): Promise<{ used: boolean } | undefined> {
  const { rows } = await db.query<{ used: boolean }>(
    "SELECT used_at IS NOT NULL AS used FROM siwe_nonces WHERE nonce = $1",
    [nonce],
  );
  return rows[0];
}
