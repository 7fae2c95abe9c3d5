// A gift to an X account named the way people name one (`@alice`, x.com/alice, a post link):
// resolved through X to the account's numeric id, escrowed for socialId("x", id) by the delivery
// worker; a post becomes the gift's context. The sender gets a ready-made reply to post on X
// themselves (an intent link to the claim page): Boon never posts on anyone's behalf.
import { formatUnits } from "viem";
import { type GiftBody, xAccountGift } from "../delivery/delivery.schemas.ts";
import type { DeliveryRequest } from "../delivery/delivery.service.ts";
import { invalid } from "../errors.ts";
import { BOON_DECIMALS } from "../ledger/amounts.ts";
import type { ResolvedXRecipient, XResolver } from "./x-resolver.ts";

/** What the sender is told about where the gift went and how to tell the recipient. */
export type XGiftAnnotation = ResolvedXRecipient & {
  profileUrl: string;
  reply: { text: string; intentUrl: string; claimUrl: string };
};

export async function xGiftRequest(
  resolver: XResolver,
  body: Extract<GiftBody, { kind: "x" }>,
  options: { bounds: { min: number; max: number }; claimPageUrl: string },
): Promise<{ request: DeliveryRequest; annotation: XGiftAnnotation }> {
  const recipient = await resolver.resolve(body.to);
  if (recipient.context && body.context && recipient.context !== body.context)
    throw invalid(
      "context_conflict",
      "`to` is a post link, and the post is the gift's context: leave `context` out",
    );
  const request = xAccountGift(
    {
      accountId: recipient.xUserId,
      amount: body.amount,
      context: recipient.context ?? body.context,
      message: body.message,
      expiresInSeconds: body.expiresInSeconds,
    },
    options.bounds,
  );
  const reply = xReply({ ...recipient, amount: body.amount, claimPageUrl: options.claimPageUrl });
  return {
    request,
    annotation: { ...recipient, profileUrl: `https://x.com/${recipient.handle}`, reply },
  };
}

/**
 * The post the sender may publish to tell the recipient: X's web intent
 * (https://developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent), as a reply to
 * the post when the gift answers one.
 */
export function xReply(gift: {
  handle: string;
  postId?: string;
  amount: bigint;
  claimPageUrl: string;
}): { text: string; intentUrl: string; claimUrl: string } {
  const amount = formatUnits(gift.amount, BOON_DECIMALS);
  const text = `@${gift.handle} I sent you a gift of ${amount} BOON 🎁 Claim it with your X account: ${gift.claimPageUrl}`;
  const inReplyTo = gift.postId ? `&in_reply_to=${gift.postId}` : "";
  return {
    text,
    intentUrl: `https://x.com/intent/post?text=${encodeURIComponent(text)}${inReplyTo}`,
    claimUrl: gift.claimPageUrl,
  };
}
