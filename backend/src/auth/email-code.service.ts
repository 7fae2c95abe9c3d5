import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../db/pool.ts";
import { rateLimited, unauthenticated } from "../errors.ts";

export const CODE_TTL_SECONDS = 600;
export const MAX_ATTEMPTS = 5;
/** Codes one address may be sent per window; stops using sign-in as a mail cannon. */
export const MAX_CODES_PER_WINDOW = 5;
export const CODE_WINDOW_SECONDS = 900;

/** Six random digits. */
export function generateCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** Keyed hash: a leaked table cannot be brute-forced offline without the server secret. */
export function hashCode(secret: string, email: string, code: string): Buffer {
  return createHmac("sha256", secret).update(`email-code:${email}:${code}`).digest();
}

/** Stores a new code for `email`, retiring any earlier one. Call inside a transaction. */
export async function createEmailCode(
  db: Queryable,
  secret: string,
  email: string,
): Promise<{ code: string; expiresAt: Date }> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('email-code:' || $1, 0))", [email]);
  const { rows: recent } = await db.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM email_codes
      WHERE email = $1 AND created_at > now() - make_interval(secs => $2)`,
    [email, CODE_WINDOW_SECONDS],
  );
  if (Number.parseInt(recent[0]?.count ?? "0", 10) >= MAX_CODES_PER_WINDOW) {
    throw rateLimited(
      "email_rate_limited",
      "Too many codes requested for this address; wait a few minutes",
      CODE_WINDOW_SECONDS,
    );
  }
  await db.query(
    "UPDATE email_codes SET expires_at = now() WHERE email = $1 AND consumed_at IS NULL AND expires_at > now()",
    [email],
  );
  const code = generateCode();
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO email_codes (email, code_hash, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [email, hashCode(secret, email, code), CODE_TTL_SECONDS],
  );
  return { code, expiresAt: (rows[0] as { expires_at: Date }).expires_at };
}

export type CodeCheck = "ok" | "wrong" | "expired" | "locked" | "none";

/**
 * Checks a code against the newest unused one for `email`, counting the attempt. Returns the
 * outcome instead of throwing so the caller commits the attempt count before rejecting.
 */
export async function checkEmailCode(
  db: Queryable,
  secret: string,
  email: string,
  code: string,
): Promise<CodeCheck> {
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
  if (!row) return "none";
  if (row.attempts >= MAX_ATTEMPTS) return "locked";
  if (row.expired) return "expired";
  if (!timingSafeEqual(row.code_hash, hashCode(secret, email, code))) {
    await db.query("UPDATE email_codes SET attempts = attempts + 1 WHERE id = $1", [row.id]);
    return row.attempts + 1 >= MAX_ATTEMPTS ? "locked" : "wrong";
  }
  await db.query("UPDATE email_codes SET consumed_at = now() WHERE id = $1", [row.id]);
  return "ok";
}

export function codeRejection(check: Exclude<CodeCheck, "ok">) {
  switch (check) {
    case "wrong":
    case "none":
      return unauthenticated("email_code_invalid", "The code is not correct");
    case "expired":
      return unauthenticated("email_code_expired", "The code has expired; request a new one");
    case "locked":
      return rateLimited("email_code_locked", "Too many wrong attempts; request a new code");
  }
}
