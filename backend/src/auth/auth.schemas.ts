import { z } from "zod";
import { emailSchema, text } from "../http/schemas.ts";
import { ROLES } from "./roles.ts";

/** The refusals of a SIWE message, shared by sign-in and wallet linking. */
export const SIWE_CODES =
  "Codes: siwe_malformed, invalid_address (400); siwe_wrong_domain, siwe_wrong_chain, siwe_expired, siwe_not_yet_valid, siwe_bad_signature, siwe_unknown_nonce, siwe_nonce_used, siwe_nonce_expired (401)";

export const siweSignedBody = z
  .strictObject({
    message: text()
      .min(1)
      .max(4096)
      .meta({ description: "The EIP-4361 message exactly as signed" }),
    signature: text()
      .max(20_000)
      .regex(/^0x([0-9a-fA-F]{2})+$/, "must be 0x-prefixed hex")
      .transform((value) => value as `0x${string}`),
  })
  .meta({ id: "SiweSignedMessage" });

export const nonceResponse = z
  .object({
    nonce: z.string(),
    expiresAt: z.string().meta({ format: "date-time" }),
    domain: z.string().meta({ description: "Use as the message's domain" }),
    chainId: z.number().int().meta({ description: "Use as the message's chain id" }),
  })
  .meta({ id: "SiweNonce" });

export const emailStartBody = z.strictObject({ email: emailSchema }).meta({ id: "EmailStart" });
export const emailStartResponse = z.object({
  sent: z.literal(true),
  expiresAt: z.string().meta({ format: "date-time" }),
});

export const emailVerifyBody = z
  .strictObject({
    email: emailSchema,
    code: text().regex(/^\d{6}$/, "must be the 6-digit code from the email"),
  })
  .meta({ id: "EmailVerify" });

/** Refresh and logout take no body (the refresh token is a cookie). */
export const emptyBody = z.strictObject({}).optional();

export const walletSchema = z.object({
  address: z.string().meta({ description: "EIP-55 checksummed" }),
  linkedAt: z.string().meta({ format: "date-time" }),
});

export const userProfileSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable(),
    role: z.enum(ROLES),
    wallets: z.array(walletSchema),
    createdAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "UserProfile" });

export const sessionResponse = z
  .object({
    user: userProfileSchema,
    accessTokenExpiresAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Session" });
