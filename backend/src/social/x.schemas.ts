import { z } from "zod";
import { text } from "../http/schemas.ts";

const hex = z.string().meta({ description: "0x-prefixed hex" });
const isoTime = z.string().meta({ format: "date-time" });

/** A dApp path to come back to: same origin only, so the callback cannot redirect elsewhere. */
const dappPath = text()
  .max(200)
  .regex(/^\/(?![/\\])[^\s\\]*$/, "must be a path of the dApp, such as /claim/x")
  .default("/claim/x");

export const startBody = z
  .strictObject({
    purpose: z.enum(["link", "sign_in"]).meta({
      description:
        "`link`: add X to the signed-in account (needs a live session); `sign_in`: sign in (or sign up) with X",
    }),
    redirectTo: dappPath.meta({
      description: "The dApp path the browser returns to, with `?x=linked|signed_in|error&code=…`",
    }),
  })
  .meta({ id: "XAuthorizationStart" });

export const startResponse = z
  .object({
    authorizeUrl: z.string().meta({ description: "Send the browser here (X's consent page)" }),
    expiresAt: isoTime.meta({ description: "The flow must complete before this (10 minutes)" }),
  })
  .meta({ id: "XAuthorization" });

/** What X sends back to the callback (RFC 6749 §4.1.2). */
export const callbackQuery = z.object({
  code: text().max(2048).optional(),
  state: text().max(256),
  error: text().max(200).optional(),
  error_description: text().max(2048).optional(),
});

export const linkedAccountSchema = z
  .object({
    xUserId: z.string().meta({ description: "X's immutable numeric user id" }),
    handle: z.string().meta({ description: "The current handle (without @), for display" }),
    name: z.string(),
    socialId: hex.meta({ description: 'socialId("x", xUserId): what gifts to this account name' }),
    profileUrl: z.string(),
    status: z.enum(["active", "relink_required"]).meta({
      description:
        "`relink_required`: X no longer accepts the link's grant; sign in with X again (gifts and attestations still work)",
    }),
    handleSeenAt: isoTime,
    linkedAt: isoTime,
  })
  .meta({ id: "LinkedXAccount" });

export const resolveQuery = z.object({
  q: text()
    .trim()
    .min(1)
    .max(300)
    .meta({ description: "`@handle`, `x.com/handle`, `twitter.com/handle`, or a post link" }),
});

export const resolvedSchema = z
  .object({
    xUserId: z.string(),
    handle: z.string(),
    name: z.string(),
    socialId: hex,
    postId: z
      .string()
      .optional()
      .meta({ description: "For a post link: the post (its author is the recipient)" }),
    postText: z.string().optional(),
    context: hex.optional().meta({ description: "For a post link: the gift context (bytes32)" }),
    profileUrl: z.string(),
  })
  .meta({ id: "ResolvedXRecipient" });

export const xGiftSchema = resolvedSchema
  .extend({
    reply: z.object({
      text: z.string(),
      intentUrl: z.string().meta({
        description:
          "https://x.com/intent/post?text=…&in_reply_to=<postId>: opens X with the reply typed out; the sender posts it",
      }),
      claimUrl: z.string().meta({ description: "The dApp's X claim page" }),
    }),
  })
  .meta({ id: "XGiftRecipient" });

const openGift = z.object({
  giftId: z.string().meta({ description: "The vault's gift id (uint256, decimal)" }),
  token: z.string(),
  sender: z.string(),
  paidByCard: z.boolean().meta({ description: "Sent by Boon's treasury for a card user" }),
  amount: z.string().meta({ description: "Base units (decimal string)" }),
  decimals: z.number().int(),
  message: z.string(),
  context: hex.nullable(),
  postId: z.string().nullable(),
  postUrl: z.string().nullable(),
  expiresAt: isoTime,
  sentAt: isoTime,
  txHash: hex,
  claim: z
    .object({
      token: z.string(),
      sender: z.string(),
      kind: z.literal(1),
      recipient: hex,
      amount: z.string(),
      expiry: z.number().int(),
    })
    .meta({
      description:
        "The vault's `Gift` struct, field for field: pass `giftIds[]` and these (amount as a bigint) to claimSocialBatch",
    }),
});

export const openGiftsSchema = z
  .object({
    chainId: z.number().int(),
    vault: z.string().nullable(),
    socialId: hex,
    account: z.object({ xUserId: z.string(), handle: z.string(), name: z.string() }),
    gifts: z.array(openGift),
    totals: z.array(z.object({ token: z.string(), amount: z.string(), count: z.number().int() })),
    more: z
      .boolean()
      .meta({ description: "More open gifts than listed: claim these, then ask again" }),
    indexedAt: isoTime.nullable().meta({ description: "Chain time of the newest indexed block" }),
  })
  .meta({ id: "OpenXGifts" });
