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
