import { getAddress, isAddress } from "viem";
import { z } from "zod";

/** An EIP-55 checksummed address; all-lowercase is accepted, a wrong checksum is not. */
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address")
  .refine((value) => isAddress(value, { strict: true }), "address checksum (EIP-55) is invalid")
  .transform((value) => getAddress(value));

export const uuidSchema = z.uuid({ error: "must be a UUID" });

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: "must be an email address" }))
  .transform((value) => value.toLowerCase());

/**
 * An integer from the query string: decimal digits only, no sign, spaces, leading zeros, `0x`,
 * exponent or fraction (`Number()` would take `0x10`, `1e2` and ` 1`). Documented as an integer.
 */
export function queryInt(bounds: { min: number; max: number; default: number }) {
  return z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/, "must be a whole number written in decimal digits")
    .transform(Number)
    .pipe(z.int().min(bounds.min).max(bounds.max))
    .default(bounds.default)
    .meta({ type: "integer", minimum: bounds.min, maximum: bounds.max, default: bounds.default });
}
