import { getAddress, isAddress } from "viem";
// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { ApiError } from "../api/backend.ts";
import type { Delivery } from "../api/deliveries.ts";
import { formatBoon } from "./amount.ts";
import { shortAddress } from "./format.ts";

export const deliveryStatusLabel: Record<Delivery["status"], string> = {
  queued: "Queued",
  sent: "Sending",
  confirmed: "Confirmed",
  failed: "Failed",
};

/** Queued or sent rows still change on their own: the list keeps polling while any exists. */
export function anyInFlight(deliveries: readonly Delivery[]): boolean {
  return deliveries.some((d) => d.status === "queued" || d.status === "sent");
}

const short = (address: string) => shortAddress(isAddress(address) ? getAddress(address) : address);

/** What a delivery is, in a few words: "Withdrawal to 0x1234…abcd", "Claim link gift"... */
export function deliveryTitle(d: Delivery): string {
  if (d.type === "withdrawal")
    return d.recipient ? `Withdrawal to ${short(d.recipient)}` : "Withdrawal";
  if (d.type === "gift_refund") return "Refund of an unclaimed gift";
  if (d.type === "internal") return "Treasury housekeeping";
  if (d.giftKind === "link") return "Claim link gift";
  if (d.giftKind === "social") {
    const account = d.recipientLabel?.replace(/^x:/, "");
    return account ? `Gift to X account ${account}` : "Gift to an X account";
  }
  return d.recipient ? `Gift to ${short(d.recipient)}` : "Gift";
}

const holdDetails = z.object({ balance: z.string(), withdrawable: z.string() });

/**
 * The backend's refusal of a withdrawal in plain words. For the card-money hold it adds how long the
 * tier holds new purchases and, when the API says, how much may leave right now.
 */
export function withdrawalProblem(
  error: ApiError,
  hold: { tier: string; hours: number } | undefined,
): string {
  if (error.code !== "funds_on_hold") return error.message;
  const parts = [`${error.message.replace(/\.$/, "")}.`];
  if (hold) {
    parts.push(
      `On the ${hold.tier} tier, card purchases are held for ${hold.hours} hours before they can leave to a wallet.`,
    );
  }
  const details = z.safeParse(holdDetails, error.details);
  if (
    details.success &&
    /^\d+$/.test(details.data.withdrawable) &&
    /^\d+$/.test(details.data.balance)
  ) {
    parts.push(
      `You can withdraw up to ${formatBoon(BigInt(details.data.withdrawable))} of your ${formatBoon(BigInt(details.data.balance))} BOON now.`,
    );
  }
  return parts.join(" ");
}

export type KeyedRequest = { request: string; key: string };

/**
 * The Idempotency-Key for a submission: retrying the very same request (after a lost answer, say)
 * reuses the previous key so the backend cannot run it twice; any other request gets a fresh one.
 */
export function keyFor(
  previous: KeyedRequest | null,
  request: string,
  fresh: () => string,
): KeyedRequest {
  return previous?.request === request ? previous : { request, key: fresh() };
}
