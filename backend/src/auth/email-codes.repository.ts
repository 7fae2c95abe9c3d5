import type { Queryable } from "../db/pool.ts";

/** Serializes code requests for one address until the transaction ends. */
export async function lockEmail(db: Queryable, email: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('email-code:' || $1, 0))", [email]);
}

export async function countRecentCodes(
  db: Queryable,
  email: string,
  windowSeconds: number,
): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM email_codes
      WHERE email = $1 AND created_at > now() - make_interval(secs => $2)`,
    [email, windowSeconds],
  );
  return Number.parseInt(rows[0]?.count ?? "0", 10);
}

/** Expires every live code of the address (a new one replaces them). */
export async function retireCodes(db: Queryable, email: string): Promise<void> {
  await db.query(
    "UPDATE email_codes SET expires_at = now() WHERE email = $1 AND consumed_at IS NULL AND expires_at > now()",
    [email],
  );
}

export async function insertCode(
  db: Queryable,
  email: string,
  codeHash: Buffer,
  ttlSeconds: number,
): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO email_codes (email, code_hash, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [email, codeHash, ttlSeconds],
  );
  return (rows[0] as { expires_at: Date }).expires_at;
}

export type StoredCode = { id: string; codeHash: Buffer; attempts: number; expired: boolean };

/** The newest unused code of the address, locked so parallel guesses are counted one by one. */
export async function lockNewestCode(
  db: Queryable,
  email: string,
): Promise<StoredCode | undefined> {
  const { rows } = await db.query<{
    id: string;
    code_hash: Buffer;
    attempts: number;
    expired: boolean;
  }>(
    `SELECT id, code_hash, attempts, expires_at <= now() AS expired FROM email_codes
      WHERE email = $1 AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [email],
  );
  const row = rows[0];
  return (
    row && { id: row.id, codeHash: row.code_hash, attempts: row.attempts, expired: row.expired }
  );
}

export async function countWrongAttempt(db: Queryable, id: string): Promise<void> {
  await db.query("UPDATE email_codes SET attempts = attempts + 1 WHERE id = $1", [id]);
}

export async function consumeCode(db: Queryable, id: string): Promise<void> {
  await db.query("UPDATE email_codes SET consumed_at = now() WHERE id = $1", [id]);
}
