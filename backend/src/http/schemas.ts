import { getAddress, isAddress } from "viem";
import { z } from "zod";

/** What `text()` refuses: PostgreSQL cannot store U+0000, nor encode an unpaired surrogate. */
export const STORABLE_TEXT =
  "must be text PostgreSQL can store: no NUL character (U+0000) and no unpaired surrogate";

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isStorable(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/**
 * The one string type for every text field of every request (bodies, queries, path parameters):
 * a string PostgreSQL can store, checked before anything else, so a NUL byte or a lone surrogate in
 * JSON is a 400 at the edge, never a database error. Chain `.min`, `.max`, `.regex`, ... on it.
 */
export function text() {
  return z.string().refine(isStorable, { message: STORABLE_TEXT, abort: true });
}

/** An EIP-55 checksummed address; all-lowercase is accepted, a wrong checksum is not. */
export const addressSchema = text()
  .refine(
    (value) => isAddress(value, { strict: false }),
    "must be a 0x-prefixed 20-byte hex address",
  )
  .refine((value) => isAddress(value, { strict: true }), "address checksum (EIP-55) is invalid")
  .transform((value) => getAddress(value));

export const uuidSchema = text()
  .pipe(z.uuid({ error: "must be a UUID" }))
  .meta({ type: "string", format: "uuid" });

export const emailSchema = text()
  .trim()
  .max(254)
  .pipe(z.email({ error: "must be an email address" }))
  .transform((value) => value.toLowerCase());

/** A page cursor: the `nextCursor` of a previous page (a positive bigint id). */
export const cursorSchema = text()
  .regex(/^[1-9]\d{0,18}$/, "cursor must be the nextCursor of a previous page")
  .optional();

/**
 * An integer from the query string: decimal digits only, no sign, spaces, leading zeros, `0x`,
 * exponent or fraction (`Number()` would take `0x10`, `1e2` and ` 1`). Documented as an integer.
 */
export function queryInt(bounds: { min: number; max: number; default: number }) {
  return text()
    .regex(/^(0|[1-9][0-9]{0,14})$/, "must be a whole number written in decimal digits")
    .transform(Number)
    .pipe(z.int().min(bounds.min).max(bounds.max))
    .default(bounds.default)
    .meta({ type: "integer", minimum: bounds.min, maximum: bounds.max, default: bounds.default });
}
