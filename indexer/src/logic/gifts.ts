import type { GiftKindName } from "@boon/contracts";
import { type Address, type Hex, zeroHash } from "viem";

export type GiftStatus = "delivered" | "pending" | "claimed" | "refunded";

/**
 * The recipient as stored: address and link gifts carry an address (a batch entry pads it to 32
 * bytes), shown as the 20-byte address; a social id stays the 32-byte hash. Lower case, like every
 * stored hex.
 */
export function recipientOf(kind: GiftKindName, recipient: Hex): Hex {
  const lower = recipient.toLowerCase() as Hex;
  return kind === "social" ? lower : (`0x${lower.slice(-40)}` as Address);
}

/** A zero context means "none". */
export function contextOf(context: Hex): Hex | null {
  const lower = context.toLowerCase() as Hex;
  return lower === zeroHash ? null : lower;
}

/** Address gifts are paid at once; the others wait in escrow. */
export function statusAtSend(kind: GiftKindName): GiftStatus {
  return kind === "address" ? "delivered" : "pending";
}
