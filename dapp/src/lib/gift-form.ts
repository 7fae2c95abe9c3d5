import { type Address, getAddress, type Hex, isAddress } from "viem";
import { parseBoon } from "./amount.ts";
import { parsePostContext } from "./context.ts";
import { parseRecipient } from "./recipient.ts";

export const MESSAGE_MAX = 280;
export const DAY = 86_400;

export type GiftFormInput = {
  /** "x": an X account (`to` holds the handle or link, resolved by Boon when sending). */
  kind: "address" | "link" | "x";
  to: string;
  amount: string;
  message: string;
  postUrl: string;
  expiryDays: number;
};

export type GiftFormValues = {
  kind: "address" | "link" | "x";
  to: Address | null;
  amount: bigint;
  message: string;
  context: Hex;
  /** The X post's id when a post was given (what the backend takes). */
  postId: string | null;
  /** Unix seconds; 0 for address gifts, which are delivered at once. */
  expiry: number;
};

export type GiftFormResult =
  | { ok: true; values: GiftFormValues }
  | { ok: false; errors: Partial<Record<keyof GiftFormInput, string>> };

/** Validates the send form; each wrong field gets its own message. */
export function validateGiftForm(
  input: GiftFormInput,
  now: number,
  sender?: Address,
): GiftFormResult {
  const errors: Partial<Record<keyof GiftFormInput, string>> = {};
  let to: Address | null = null;
  if (input.kind === "address") {
    const text = input.to.trim();
    if (!isAddress(text, { strict: false }))
      errors.to = "Enter a wallet address (0x followed by 40 hex characters).";
    else if (sender && getAddress(text) === sender) errors.to = "That is your own wallet.";
    else to = getAddress(text);
  }
  if (input.kind === "x") {
    const recipient = parseRecipient(input.to);
    if (!recipient.ok) errors.to = recipient.message;
    else if (recipient.recipient.kind !== "x") errors.to = "Enter an @handle or an X link.";
  }
  const amount = parseBoon(input.amount);
  if (!amount.ok) errors.amount = amount.message;
  const message = input.message.trim();
  if (message.length > MESSAGE_MAX)
    errors.message = `Keep the message under ${MESSAGE_MAX} characters.`;
  const context = parsePostContext(input.postUrl);
  if (!context.ok) errors.postUrl = context.message;
  if (Object.keys(errors).length > 0 || !amount.ok || !context.ok) return { ok: false, errors };
  return {
    ok: true,
    values: {
      kind: input.kind,
      to,
      amount: amount.value,
      message,
      context: context.context,
      postId: context.postId,
      expiry: input.kind === "address" ? 0 : Math.floor(now) + input.expiryDays * DAY,
    },
  };
}

/** Expiry choices within the vault's bounds (seconds), in days. */
export function expiryChoices(
  bounds: { minDuration: number; maxDuration: number } | undefined,
): number[] {
  const all = [1, 3, 7, 14, 30, 90];
  if (!bounds) return [7];
  const fits = all.filter(
    (days) => days * DAY >= bounds.minDuration && days * DAY <= bounds.maxDuration,
  );
  return fits.length > 0 ? fits : [Math.max(1, Math.ceil(bounds.minDuration / DAY))];
}
