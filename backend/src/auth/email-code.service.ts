import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../db/pool.ts";
import { rateLimited, unauthenticated } from "../errors.ts";
import {
  consumeCode,
  countRecentCodes,
  countWrongAttempt,
  insertCode,
  lockEmail,
  lockNewestCode,
  retireCodes,
} from "./email-codes.repository.ts";

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
  await lockEmail(db, email);
  if ((await countRecentCodes(db, email, CODE_WINDOW_SECONDS)) >= MAX_CODES_PER_WINDOW) {
    throw rateLimited(
      "email_rate_limited",
      "Too many codes requested for this address; wait a few minutes",
      CODE_WINDOW_SECONDS,
    );
  }
  await retireCodes(db, email);
  const code = generateCode();
  const expiresAt = await insertCode(db, email, hashCode(secret, email, code), CODE_TTL_SECONDS);
  return { code, expiresAt };
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
  const row = await lockNewestCode(db, email);
  if (!row) return "none";
  if (row.attempts >= MAX_ATTEMPTS) return "locked";
  if (row.expired) return "expired";
  if (!timingSafeEqual(row.codeHash, hashCode(secret, email, code))) {
    await countWrongAttempt(db, row.id);
    return row.attempts + 1 >= MAX_ATTEMPTS ? "locked" : "wrong";
  }
  await consumeCode(db, row.id);
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
