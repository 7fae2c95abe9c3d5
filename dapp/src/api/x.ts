// zod/mini: tree-shakes to what is used, keeping page chunks small.
import type { Address, Hex } from "viem";
import * as z from "zod/mini";
import { ApiError, type Backend } from "./backend.ts";

const hex = z.pipe(
  z.string().check(z.regex(/^0x[0-9a-fA-F]*$/)),
  z.transform((value: string) => value as Hex),
);
const baseUnits = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

export const linkedXSchema = z.object({
  xUserId: z.string(),
  handle: z.string(),
  name: z.string(),
  socialId: hex,
  profileUrl: z.string(),
  status: z.enum(["active", "relink_required"]),
});
export type LinkedX = z.infer<typeof linkedXSchema>;

export const resolvedXSchema = z.object({
  xUserId: z.string(),
  handle: z.string(),
  name: z.string(),
  socialId: hex,
  postId: z.optional(z.string()),
  postText: z.optional(z.string()),
  context: z.optional(hex),
  profileUrl: z.string(),
});
export type ResolvedX = z.infer<typeof resolvedXSchema>;

const openGiftSchema = z.object({
  giftId: z.string(),
  token: z.string(),
  sender: z.string(),
  paidByCard: z.boolean(),
  amount: baseUnits,
  decimals: z.int(),
  message: z.string(),
  context: z.nullable(hex),
  postId: z.nullable(z.string()),
  postUrl: z.nullable(z.string()),
  expiresAt: z.string(),
  sentAt: z.string(),
  txHash: hex,
  claim: z.object({
    token: z.string(),
    sender: z.string(),
    kind: z.literal(1),
    recipient: hex,
    amount: baseUnits,
    expiry: z.int(),
  }),
});
export type OpenXGift = z.infer<typeof openGiftSchema>;

export const openXGiftsSchema = z.object({
  chainId: z.int(),
  vault: z.nullable(z.string()),
  socialId: hex,
  account: z.object({ xUserId: z.string(), handle: z.string(), name: z.string() }),
  gifts: z.array(openGiftSchema),
  totals: z.array(z.object({ token: z.string(), amount: baseUnits, count: z.int() })),
  more: z.boolean(),
});
export type OpenXGifts = z.infer<typeof openXGiftsSchema>;

export const attestationSchema = z.object({
  wallet: z.string(),
  destination: z.enum(["wallet", "credits"]),
  deadline: baseUnits,
  compact: z.object({ r: hex, yParityAndS: hex }),
  vault: z.string(),
});
export type Attestation = z.infer<typeof attestationSchema>;

/**
 * Starts "sign in with X" (or linking X to the signed-in account): the backend answers X's consent
 * page, which brings the browser back to `redirectTo` with `?x=signed_in|linked|error&code=`.
 */
export async function startXAuthorization(
  backend: Backend,
  purpose: "sign_in" | "link",
  redirectTo: string,
): Promise<string> {
  const answer = await backend(
    "/v1/auth/x/start",
    z.object({ authorizeUrl: z.string(), expiresAt: z.string() }),
    { method: "POST", body: { purpose, redirectTo } },
  );
  return answer.authorizeUrl;
}

/** The signed-in user's linked X account, or null when none is linked. */
export async function fetchLinkedX(backend: Backend): Promise<LinkedX | null> {
  try {
    return await backend("/v1/me/x", linkedXSchema);
  } catch (error) {
    if (error instanceof ApiError && error.code === "x_not_linked") return null;
    throw error;
  }
}

export const resolveX = (backend: Backend, query: string) =>
  backend(`/v1/x/resolve?q=${encodeURIComponent(query)}`, resolvedXSchema);

export const fetchOpenXGifts = (backend: Backend) => backend("/v1/me/x/gifts", openXGiftsSchema);

/** The verifier's SocialClaim for a proven wallet: what claimSocialBatch needs from the wallet path. */
export const requestAttestation = (backend: Backend, wallet: Address, giftIds: string[]) =>
  backend("/v1/me/x/attestations", attestationSchema, {
    method: "POST",
    body: { to: "wallet", wallet, giftIds },
  });

const xCreditGiftSchema = z.object({
  delivery: z.object({ id: z.string(), status: z.string() }),
  x: z.object({
    handle: z.string(),
    postId: z.optional(z.string()),
    reply: z.object({ text: z.string(), intentUrl: z.string(), claimUrl: z.string() }),
  }),
});
export type XCreditGift = z.infer<typeof xCreditGiftSchema>;

/** A gift to an X account paid from credits: Boon resolves `to` and sends it on chain. */
export const createXCreditGift = (
  backend: Backend,
  request: {
    to: string;
    amount: bigint;
    message: string;
    expiresInSeconds: number;
    /** The post the gift answers, by id, when `to` is not a post link already. */
    context?: string;
  },
  idempotencyKey: string,
) =>
  backend("/v1/gifts", xCreditGiftSchema, {
    method: "POST",
    idempotencyKey,
    body: { kind: "x", ...request, amount: request.amount.toString() },
  });

/** What the callback's `?x=…&code=…` says, in words. */
export function xOutcomeMessage(outcome: string | null, code: string | null): string | null {
  if (outcome !== "error") return null;
  const messages: Record<string, string> = {
    x_access_denied: "You cancelled on X. Nothing was linked.",
    x_state_expired: "The sign-in with X took too long. Try again.",
    x_state_used: "That sign-in with X was already used. Try again.",
    x_state_mismatch: "That sign-in with X started in another browser or session. Try again here.",
    x_session_ended: "Your Boon session ended before X answered. Sign in and try again.",
    x_account_linked_to_other_user:
      "That X account is linked to another Boon account. Unlink it there first.",
    x_other_account_linked:
      "Your Boon account already has another X account linked. Unlink it first.",
    x_unavailable: "X cannot be reached right now. Try again in a minute.",
  };
  return (code && messages[code]) ?? "Signing in with X did not work. Try again.";
}
