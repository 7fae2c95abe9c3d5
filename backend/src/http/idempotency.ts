import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import { invalid } from "../errors.ts";

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

/** Answers 201 with an idempotent operation's answer; a replay says so in `idempotent-replayed`. */
export function sendIdempotent(
  res: Response,
  result: { answer: unknown; replayed: boolean },
): void {
  if (result.replayed) res.setHeader("idempotent-replayed", "true");
  res.status(201).json(result.answer);
}
