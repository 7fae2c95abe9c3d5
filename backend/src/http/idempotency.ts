import { createHash } from "node:crypto";
import type { Request } from "express";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { conflict, invalid } from "../errors.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,255}$/;

/** The Idempotency-Key header, required on money endpoints (400 otherwise). */
export function idempotencyKeyOf(req: Request): string {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) {
    throw invalid(
      "idempotency_key_required",
      "Send an Idempotency-Key header (8-255 chars: letters, digits, . _ : -), e.g. a UUID",
    );
  }
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
    throw invalid(
      "invalid_idempotency_key",
      "Idempotency-Key must be 8-255 characters: letters, digits, . _ : -",
    );
  }
  return key;
}

/** A stable hash of the parsed request, so key order or whitespace do not make two bodies differ. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export type StoredResponse = { status: number; body: unknown };

/**
 * Runs `fn` at most once per (user, scope, key), in one transaction with the stored answer:
 * - a transaction-scoped advisory lock on the key makes parallel requests with one key queue up;
 * - the first stores its response with its effects; the others then replay it;
 * - a different body under the same key is 409 `idempotency_conflict`;
 * - if `fn` throws (a 4xx, say), nothing is stored and the key may be retried.
 */
export async function withIdempotency(
  pool: Pool,
  ref: { userId: string; scope: string; key: string; requestHash: string },
  fn: (db: PoolClient) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  return withTransaction(pool, async (db) => {
    await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", [
      `${ref.userId}\n${ref.scope}\n${ref.key}`,
    ]);
    const { rows } = await db.query<{
      request_hash: string;
      response_status: number;
      response_body: unknown;
    }>(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys
        WHERE user_id = $1 AND scope = $2 AND key = $3`,
      [ref.userId, ref.scope, ref.key],
    );
    const stored = rows[0];
    if (stored) {
      if (stored.request_hash !== ref.requestHash) {
        throw conflict(
          "idempotency_conflict",
          "This Idempotency-Key was already used with a different request; use a new key for a new request",
        );
      }
      return { status: stored.response_status, body: stored.response_body, replayed: true };
    }
    const response = await fn(db);
    await db.query(
      `INSERT INTO idempotency_keys (user_id, scope, key, request_hash, response_status, response_body)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        ref.userId,
        ref.scope,
        ref.key,
        ref.requestHash,
        response.status,
        JSON.stringify(response.body),
      ],
    );
    return { ...response, replayed: false };
  });
}
