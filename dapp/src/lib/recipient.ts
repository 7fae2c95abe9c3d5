import { socialId } from "@boon/contracts";
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { ApiError, type Backend } from "../api/backend.ts";
import { type ResolvedX, resolveX } from "../api/x.ts";
import { formatBoon } from "./amount.ts";
import { parseXLink } from "./x-links.ts";

/** Who a person typed into "Send to": a wallet, or an X account (by handle, profile or post). */
export type Recipient =
  | { kind: "address"; address: Address }
  | { kind: "x"; query: string; label: string; postId: string | null };

export type ParsedRecipient = { ok: true; recipient: Recipient } | { ok: false; message: string };

/**
 * Reads "0x…", "@handle", "x.com/handle" or an X post link. Nothing is looked up here: an X
 * account is only named; `resolveRecipient` asks Boon (which asks X) who it is.
 */
export function parseRecipient(input: string): ParsedRecipient {
  const text = input.trim();
  if (text === "")
    return { ok: false, message: "Enter a wallet address, an @handle or an X link." };
  if (/^0x/i.test(text)) {
    return isAddress(text, { strict: false })
      ? { ok: true, recipient: { kind: "address", address: getAddress(text) } }
      : { ok: false, message: "That is not a valid wallet address (0x and 40 hex characters)." };
  }
  const link = parseXLink(text);
  if (!link) {
    return {
      ok: false,
      message: "Use a wallet address, an @handle (up to 15 letters, digits or _) or an x.com link.",
    };
  }
  if (link.kind === "profile") {
    return {
      ok: true,
      recipient: { kind: "x", query: `@${link.handle}`, label: `@${link.handle}`, postId: null },
    };
  }
  return {
    ok: true,
    recipient: {
      kind: "x",
      query: `https://x.com/${link.handle ?? "i/web"}/status/${link.postId}`,
      label: link.handle ? `the author of @${link.handle}'s post` : "the author of that post",
      postId: link.postId,
    },
  };
}

/** An X account a gift can go to: the social id is computed here from X's immutable user id. */
export type XRecipient = ResolvedX & { recipientId: Hex };

export type ResolvedRecipient = { ok: true; x: XRecipient } | { ok: false; message: string };

export const SIGN_IN_FOR_X = "Sign in to send to an X account: Boon looks the account up for you.";

/** Why a lookup failed, in the sender's words. */
function resolveErrorMessage(error: unknown, label: string): string {
  if (!(error instanceof ApiError)) return "Could not look up that X account. Try again.";
  const messages: Record<string, string> = {
    x_user_not_found: `There is no X account ${label}. Check the spelling.`,
    x_post_not_found: "That post cannot be found: it was deleted, or it is hidden or protected.",
    x_user_suspended: `${label} is suspended on X, so they could never claim a gift. Pick someone else.`,
    invalid_x_recipient: "That is not an X handle, profile link or post link.",
    x_rate_limited: "X is busy right now. Try again in a minute.",
    x_unavailable: "X cannot be reached right now. Try again in a minute.",
    unauthenticated: SIGN_IN_FOR_X,
  };
  return messages[error.code] ?? error.message;
}

/**
 * Asks Boon who an X recipient is. The gift goes to socialId("x", numeric id), recomputed here so
 * the on-chain recipient never rests on an answer we did not check.
 */
export async function resolveRecipient(
  backend: Backend,
  recipient: Extract<Recipient, { kind: "x" }>,
): Promise<ResolvedRecipient> {
  try {
    const resolved = await resolveX(backend, recipient.query);
    const recipientId = socialId("x", resolved.xUserId);
    if (recipientId.toLowerCase() !== resolved.socialId.toLowerCase()) {
      return { ok: false, message: "Boon answered an inconsistent X account. Try again later." };
    }
    return { ok: true, x: { ...resolved, recipientId } };
  } catch (error) {
    return { ok: false, message: resolveErrorMessage(error, recipient.label) };
  }
}

/**
 * The post a sender publishes themselves to tell the recipient (Boon never posts for anyone): X's
 * intent page with the text typed out, as a reply to the post the gift answers when there is one.
 */
export function replyIntentUrl(args: {
  handle: string;
  amount: bigint;
  claimUrl: string;
  postId?: string | null | undefined;
}): string {
  const text = `@${args.handle} I sent you ${formatBoon(args.amount)} BOON. Claim it here: ${args.claimUrl}`;
  const params = new URLSearchParams({ text });
  if (args.postId) params.set("in_reply_to", args.postId);
  return `https://x.com/intent/post?${params.toString()}`;
}

/** Where the owner of an X account claims what was sent to it. */
export const xClaimUrl = (origin: string) => `${origin.replace(/\/$/, "")}/claim/x`;
