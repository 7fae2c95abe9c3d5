import { z } from "zod";
import { addressSchema, text } from "../http/schemas.ts";

const MAX_UINT256 = 2n ** 256n - 1n;

export const giftIdSchema = text()
  .regex(/^(0|[1-9]\d{0,77})$/, "must be a decimal uint256 (the gift id)")
  .transform((value) => BigInt(value))
  .refine((value) => value <= MAX_UINT256, "must fit in uint256")
  .meta({ type: "string", description: "A gift id, decimal uint256" });

const signatureSchema = text()
  .regex(
    /^0x([0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/,
    "must be a 65-byte signature or a 64-byte EIP-2098 compact one, as 0x hex",
  )
  .transform((value) => value as `0x${string}`)
  .meta({ type: "string", description: "LinkClaim(giftId, to) signed by the link key" });

const linkClaim = z.strictObject({
  kind: z.literal("link"),
  giftId: giftIdSchema,
  to: addressSchema,
  signature: signatureSchema,
});

const linkBatchClaim = z.strictObject({
  kind: z.literal("link_batch"),
  to: addressSchema,
  claims: z
    .array(z.strictObject({ giftId: giftIdSchema, signature: signatureSchema }))
    .min(1)
    .max(20),
});

const socialClaim = z.strictObject({
  kind: z.literal("social"),
  to: z.union([
    z.strictObject({ wallet: addressSchema }),
    z.strictObject({ credits: z.literal(true) }),
  ]),
});

export const relayClaimBody = z.discriminatedUnion("kind", [
  linkClaim,
  linkBatchClaim,
  socialClaim,
]);
export type RelayClaimBody = z.output<typeof relayClaimBody>;

export const relayClaimSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["link", "link_batch", "social"]),
  status: z.enum(["queued", "submitted", "confirmed", "failed"]),
  destination: z.enum(["wallet", "credits"]),
  to: z.string(),
  giftIds: z.array(z.string()),
  amount: z.string().describe("Base units, the total of the claimed gifts"),
  txHash: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
});

export const relayInfoSchema = z.object({
  enabled: z.boolean(),
  custodyAddress: z.string(),
  chainId: z.number().int(),
  limits: z.object({ perUserPerDay: z.number().int(), perIpPerHour: z.number().int() }),
});

export const claimIdParams = z.object({ id: z.uuid() });
