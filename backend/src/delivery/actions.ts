import { boonTokenAbi, escrowedGift, type GiftKindName, giftVaultAbi } from "@boon/contracts";
import {
  type Address,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  keccak256,
  maxUint256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from "viem";

export type DeliveryKind =
  | "withdrawal"
  | "gift_address"
  | "gift_social"
  | "gift_link"
  | "gift_refund"
  | "float_mint"
  | "vault_approve"
  /** A gas-free claim the relayer sends from its own key (src/relayer/); never built here. */
  | "relay_claim";

/** The fields of a delivery that decide its on-chain call. */
export type Action = {
  kind: DeliveryKind;
  /** The delivery's id: a social gift's salt is derived from it, so its gift id never repeats. */
  deliveryId: string;
  amount: bigint;
  /** Address, link key address, or bytes32 social id. */
  recipient: Hex;
  context: Hex;
  message: string;
  expiry: bigint;
  /** For gift_refund: the escrowed gift being refunded, in the vault that holds it. */
  refund?: {
    vault: Address;
    giftId: bigint;
    kind: "gift_social" | "gift_link";
    recipient: Hex;
    amount: bigint;
    expiry: bigint;
    sender: Address;
    token: Address;
  };
};

export type Contracts = { boonToken: Address; giftVault: Address };

const GIFT_KINDS: Partial<Record<DeliveryKind, GiftKindName>> = {
  gift_address: "address",
  gift_social: "social",
  gift_link: "link",
};

/** The vault's gift kind a delivery sends, or null for a delivery that is not a gift. */
export function giftKindOfDelivery(kind: DeliveryKind): GiftKindName | null {
  return GIFT_KINDS[kind] ?? null;
}

/**
 * The salt of a social gift: derived from its delivery id, so the gift id (giftIdOf(treasury,
 * salt)) is the same however often the worker re-signs the delivery, and differs between deliveries.
 */
export function deliverySalt(deliveryId: string): bigint {
  return hexToBigInt(keccak256(toHex(`boon-delivery:${deliveryId}`)));
}

/** Gas limits per kind: generous fixed limits save an estimate round trip per transaction. */
const GAS_LIMIT: Record<Exclude<DeliveryKind, "relay_claim">, bigint> = {
  withdrawal: 120_000n,
  gift_address: 160_000n,
  gift_social: 200_000n,
  gift_link: 200_000n,
  gift_refund: 160_000n,
  float_mint: 120_000n,
  vault_approve: 80_000n,
};

/** The transaction an action becomes, sent from `sender` (the treasury). */
export function actionCall(
  action: Action,
  sender: Address,
  contracts: Contracts,
): { to: Address; data: Hex; gas: bigint } {
  if (action.kind === "relay_claim") throw new Error("relay claims are signed by the relayer");
  const gas = GAS_LIMIT[action.kind];
  const vault = contracts.giftVault;
  const token = contracts.boonToken;
  switch (action.kind) {
    case "withdrawal":
      return {
        to: token,
        data: encodeFunctionData({
          abi: boonTokenAbi,
          functionName: "mint",
          args: [action.recipient as Address, action.amount],
        }),
        gas,
      };
    case "float_mint":
      return {
        to: token,
        data: encodeFunctionData({
          abi: boonTokenAbi,
          functionName: "mint",
          args: [sender, action.amount],
        }),
        gas,
      };
    case "vault_approve":
      return {
        to: token,
        data: encodeFunctionData({
          abi: boonTokenAbi,
          functionName: "approve",
          args: [vault, maxUint256],
        }),
        gas,
      };
    case "gift_address":
      return {
        to: vault,
        data: encodeFunctionData({
          abi: giftVaultAbi,
          functionName: "giftToAddress",
          args: [token, action.recipient as Address, action.amount, action.context, action.message],
        }),
        gas,
      };
    case "gift_social":
      return {
        to: vault,
        data: encodeFunctionData({
          abi: giftVaultAbi,
          functionName: "giftToSocial",
          args: [
            token,
            action.recipient,
            action.amount,
            Number(action.expiry),
            deliverySalt(action.deliveryId),
            action.context,
            action.message,
          ],
        }),
        gas,
      };
    case "gift_link":
      return {
        to: vault,
        data: encodeFunctionData({
          abi: giftVaultAbi,
          functionName: "giftToLink",
          args: [
            token,
            action.recipient as Address,
            action.amount,
            Number(action.expiry),
            action.context,
            action.message,
          ],
        }),
        gas,
      };
    case "gift_refund": {
      const gift = action.refund;
      if (!gift) throw new Error("gift_refund action without the gift it refunds");
      return {
        to: gift.vault,
        data: encodeFunctionData({
          abi: giftVaultAbi,
          functionName: "refund",
          args: [gift.giftId, refundedGift(gift)],
        }),
        gas,
      };
    }
  }
}

/** The gift struct the vault committed to, as claims and refunds pass it back. */
export function refundedGift(gift: Omit<NonNullable<Action["refund"]>, "vault" | "giftId">) {
  return escrowedGift({ ...gift, kind: gift.kind === "gift_link" ? "link" : "social" });
}

/** Whether an action spends BOON from the treasury's float (the gifts). */
export function spendsFloat(kind: DeliveryKind): boolean {
  return kind === "gift_address" || kind === "gift_social" || kind === "gift_link";
}

/** The id of the escrowed gift a vault transaction created, from its send event. */
export function giftIdFromReceipt(receipt: TransactionReceipt, vault: Address): bigint | undefined {
  const logs = parseEventLogs({
    abi: giftVaultAbi,
    eventName: ["SocialGiftSent", "LinkGiftSent"],
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === vault.toLowerCase()),
  });
  return logs[0]?.args.giftId;
}
