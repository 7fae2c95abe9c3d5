import type { Address } from "viem";
import { zeroHash } from "viem";
import { createXCreditGift } from "../../api/x.ts";
import { addOptimisticGifts } from "../../app/optimistic.ts";
import { formatBoon } from "../../lib/amount.ts";
import { DAY, type GiftFormValues } from "../../lib/gift-form.ts";
import {
  parseRecipient,
  replyIntentUrl,
  resolveRecipient,
  xClaimUrl,
} from "../../lib/recipient.ts";
import { sentGiftRows } from "../../wallet/gift-actions.ts";
import { sendSocialGift } from "../../wallet/social-actions.ts";
import { fund, type SendDeps } from "./send-gifts.ts";
import type { Created } from "./types.ts";

/** A refusal the form shows under the X field. */
export class XRecipientError extends Error {
  override name = "XRecipientError";
}

/**
 * One gift to an X account. From a wallet: escrowed on chain for socialId("x", numeric id) (a post
 * link's post becomes the context); from credits: `POST /v1/gifts { kind: "x" }`. Either way the
 * sender gets the reply to post on X.
 */
export async function sendToX(
  deps: SendDeps,
  payWith: "wallet" | "credits",
  owner: Address | undefined,
  text: string,
  values: GiftFormValues,
  expiryDays: number,
): Promise<Created> {
  const parsed = parseRecipient(text);
  if (!parsed.ok || parsed.recipient.kind !== "x")
    throw new XRecipientError(parsed.ok ? "Enter an @handle or an X link." : parsed.message);
  const claimUrl = xClaimUrl(window.location.origin);
  if (payWith === "credits") {
    const gift = await createXCreditGift(
      deps.backend,
      {
        to: parsed.recipient.query,
        amount: values.amount,
        message: values.message,
        expiresInSeconds: expiryDays * DAY,
        ...(values.postId ? { context: values.postId } : {}),
      },
      crypto.randomUUID(),
    );
    return {
      headline: `${formatBoon(values.amount)} BOON to @${gift.x.handle}, from your credits.`,
      links: [],
      note: "Boon is sending it from your credits; it shows in Activity once it is on chain.",
      x: { handle: gift.x.handle, intentUrl: gift.x.reply.intentUrl },
    };
  }
  const resolved = await resolveRecipient(deps.backend, parsed.recipient);
  if (!resolved.ok) throw new XRecipientError(resolved.message);
  const { x } = resolved;
  if (x.context && values.context !== zeroHash && values.context !== x.context)
    throw new XRecipientError("The recipient is a post already: leave “X post it answers” empty.");
  const context = x.context ?? values.context;
  const receipt = await fund(
    deps,
    owner as Address,
    values.amount,
    `Sending to @${x.handle}`,
    (permit) =>
      sendSocialGift(
        deps.wagmi,
        deps.config,
        {
          socialId: x.recipientId,
          amount: values.amount,
          expiry: values.expiry,
          context,
          message: values.message,
        },
        permit,
      ),
  );
  addOptimisticGifts(deps.queryClient, sentGiftRows(receipt));
  const postId = x.postId ?? values.postId;
  return {
    headline: `${formatBoon(values.amount)} BOON sent to @${x.handle}.`,
    txHash: receipt.transactionHash,
    links: [],
    note: "Held for them until they claim it.",
    x: {
      handle: x.handle,
      intentUrl: replyIntentUrl({ handle: x.handle, amount: values.amount, claimUrl, postId }),
    },
  };
}
