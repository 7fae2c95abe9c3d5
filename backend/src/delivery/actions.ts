import { boonTokenAbi, giftVaultAbi } from "@boon/contracts";
import {
  type Address,
  encodeFunctionData,
  type Hex,
  maxUint256,
  parseEventLogs,
  type TransactionReceipt,
} from "viem";

export type DeliveryKind =
  | "withdrawal"
  | "gift_address"
  | "gift_social"
  | "gift_link"
  | "gift_refund"
  | "float_mint"
  | "vault_approve";

/** The fields of a delivery that decide its on-chain call. */
export type Action = {
  kind: DeliveryKind;
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

/** GiftVault's Kind enum. */
const VAULT_KIND = { gift_address: 0, gift_social: 1, gift_link: 2 } as const;

/** Gas limits per kind: generous fixed limits save an estimate round trip per transaction. */
const GAS_LIMIT: Record<DeliveryKind, bigint> = {
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
          args: [gift.giftId, escrowedGift(gift)],
        }),
        gas,
      };
    }
  }
}

/** The gift struct the vault committed to, as claims and refunds pass it back. */
export function escrowedGift(gift: Omit<NonNullable<Action["refund"]>, "vault" | "giftId">) {
  return {
    token: gift.token,
    sender: gift.sender,
    kind: VAULT_KIND[gift.kind],
    recipient: gift.kind === "gift_link" ? addressAsKey(gift.recipient) : gift.recipient,
    amount: gift.amount,
    expiry: Number(gift.expiry),
  };
}

/** A link key address as the vault's bytes32 recipient (left-padded). */
function addressAsKey(address: Hex): Hex {
  return `0x${address.slice(2).toLowerCase().padStart(64, "0")}`;
}

/** Whether an action spends BOON from the treasury's float (the gifts). */
export function spendsFloat(kind: DeliveryKind): boolean {
  return kind === "gift_address" || kind === "gift_social" || kind === "gift_link";
}

/** The id of the gift a vault transaction created, from its GiftSent log. */
export function giftIdFromReceipt(receipt: TransactionReceipt, vault: Address): bigint | undefined {
  const logs = parseEventLogs({
    abi: giftVaultAbi,
    eventName: "GiftSent",
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === vault.toLowerCase()),
  });
  return logs[0]?.args.giftId;
}
