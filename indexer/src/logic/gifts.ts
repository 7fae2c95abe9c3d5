import type { Address, Hex } from "viem";

export type GiftKindName = "address" | "social" | "link";
export type GiftStatus = "delivered" | "pending" | "claimed" | "refunded";

const kindNames: readonly GiftKindName[] = ["address", "social", "link"];
const ZERO_BYTES32 = `0x${"0".repeat(64)}`;

/** The GiftVault's `Kind` enum value as a name. */
export function kindName(kind: number): GiftKindName {
  const name = kindNames[kind];
  if (name === undefined) throw new Error(`unknown gift kind ${kind}`);
  return name;
}

/**
 * The recipient as stored: address and link gifts carry a left-padded address, shown as the
 * 20-byte address; a social id stays the 32-byte hash. Lower case, like every stored hex.
 */
export function recipientOf(kind: GiftKindName, recipient: Hex): Hex {
  const lower = recipient.toLowerCase() as Hex;
  return kind === "social" ? lower : (`0x${lower.slice(-40)}` as Address);
}

/** A zero context means "none". */
export function contextOf(context: Hex): Hex | null {
  const lower = context.toLowerCase() as Hex;
  return lower === ZERO_BYTES32 ? null : lower;
}

/** Address gifts are paid at once; the others wait in escrow. */
export function statusAtSend(kind: GiftKindName): GiftStatus {
  return kind === "address" ? "delivered" : "pending";
}

/** Address gifts have no expiry (the event says 0). */
export function expiryOf(kind: GiftKindName, expiry: number | bigint): bigint | null {
  return kind === "address" ? null : BigInt(expiry);
}

/** The id of a row made from one log: `<tx hash>-<log index>`. */
export function logId(txHash: Hex, logIndex: number): string {
  return `${txHash}-${logIndex}`;
}
