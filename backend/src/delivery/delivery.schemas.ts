import { socialId, xPostContext } from "@boon/contracts";
import { maxUint256, zeroAddress } from "viem";
import { z } from "zod";
import { addressSchema, text } from "../http/schemas.ts";
import { xPostIdFromUrl } from "../social/x-post-url.ts";
import type { DeliveryRequest } from "./delivery.service.ts";

/** BOON base units as a decimal integer string (18 decimals: 1 BOON = "1000000000000000000"). */
export const amountSchema = text()
  .regex(/^[1-9][0-9]{0,77}$/, "must be a positive integer string of base units (no decimals)")
  .transform((value) => BigInt(value))
  .refine((value) => value <= maxUint256, "is larger than a uint256")
  .describe("BOON in base units (18 decimals) as a decimal integer string");

/** An X post URL or its numeric id; stored on chain as the gift's context. */
const contextSchema = text()
  .trim()
  .max(300)
  .transform((value, ctx) => {
    const id = /^\d{1,20}$/.test(value) ? value : xPostIdFromUrl(value);
    if (id === undefined || BigInt(id) === 0n) {
      ctx.addIssue({
        code: "custom",
        message: "must be an X post URL (https://x.com/user/status/123) or a post id",
      });
      return z.NEVER;
    }
    return xPostContext(id);
  })
  .describe("The X post this gift answers: its URL or numeric id");

const messageSchema = text().max(280).default("").describe("A short message, stored in the event");

export function lifetimeSchema(bounds: { min: number; max: number }) {
  return z
    .int()
    .min(bounds.min)
    .max(bounds.max)
    .optional()
    .describe(`Seconds until an unclaimed gift refunds to you (${bounds.min}..${bounds.max})`);
}

/** A recipient wallet: tokens sent to the zero address would be burnt. */
const recipientSchema = addressSchema.refine(
  (address) => address !== zeroAddress,
  "must not be the zero address",
);

export const withdrawalSchema = z.strictObject({
  to: addressSchema.describe("A wallet linked to your account"),
  amount: amountSchema,
});

export function giftSchema(bounds: { min: number; max: number }) {
  const lifetime = lifetimeSchema(bounds);
  return z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("address"),
      to: recipientSchema,
      amount: amountSchema,
      context: contextSchema.optional(),
      message: messageSchema,
    }),
    z.strictObject({
      kind: z.literal("social"),
      platform: z.literal("x"),
      accountId: text().regex(
        /^[1-9]\d{0,19}$/,
        "must be the account's numeric X user id (never the handle)",
      ),
      amount: amountSchema,
      context: contextSchema.optional(),
      message: messageSchema,
      expiresInSeconds: lifetime,
    }),
    z.strictObject({
      kind: z.literal("x"),
      to: text()
        .trim()
        .min(1)
        .max(300)
        .describe(
          "The X account: `@handle`, a profile link (x.com/handle) or a post link (x.com/handle/status/123: its author, and the post becomes the context). Resolved through X to the account's numeric id",
        ),
      amount: amountSchema,
      context: contextSchema.optional(),
      message: messageSchema,
      expiresInSeconds: lifetime,
    }),
    z.strictObject({
      kind: z.literal("link"),
      amount: amountSchema,
      context: contextSchema.optional(),
      message: messageSchema,
      expiresInSeconds: lifetime,
    }),
  ]);
}

export type GiftBody = z.output<ReturnType<typeof giftSchema>>;

/** Gifts unclaimed for a week refund to the buyer unless they chose another lifetime. */
const DEFAULT_LIFETIME_SECONDS = 7 * 24 * 3600;

const lifetimeOf = (seconds: number | undefined, bounds: { min: number; max: number }) =>
  seconds ?? Math.min(Math.max(DEFAULT_LIFETIME_SECONDS, bounds.min), bounds.max);

/** A gift escrowed for an X account, by its numeric user id. */
export function xAccountGift(
  gift: {
    accountId: string;
    amount: bigint;
    context?: `0x${string}` | undefined;
    message: string;
    expiresInSeconds?: number | undefined;
  },
  bounds: { min: number; max: number },
): DeliveryRequest {
  return {
    kind: "gift_social",
    socialId: socialId("x", gift.accountId),
    label: `x:${gift.accountId}`,
    amount: gift.amount,
    context: gift.context,
    message: gift.message,
    lifetimeSeconds: lifetimeOf(gift.expiresInSeconds, bounds),
  };
}

/** The delivery of a gift body; an X handle or link (`kind: "x"`) is resolved first (social/x-gift.ts). */
export function giftRequest(
  body: Exclude<GiftBody, { kind: "x" }>,
  bounds: { min: number; max: number },
): DeliveryRequest {
  const lifetime = (seconds: number | undefined) => lifetimeOf(seconds, bounds);
  switch (body.kind) {
    case "address":
      return {
        kind: "gift_address",
        to: body.to,
        amount: body.amount,
        context: body.context,
        message: body.message,
      };
    case "social":
      return xAccountGift(body, bounds);
    case "link":
      return {
        kind: "gift_link",
        amount: body.amount,
        context: body.context,
        message: body.message,
        lifetimeSeconds: lifetime(body.expiresInSeconds),
      };
  }
}
