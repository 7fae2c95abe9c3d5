import { SYSTEM, userAccount } from "../ledger/accounts.ts";
import type { EntryInput } from "../ledger/ledger.repository.ts";

/** Holds credits between a user's request and the chain's final answer. */
const IN_DELIVERY = SYSTEM.inDelivery;

// Pure builders of delivery journals (credit-positive, like every journal; see backend/README.md).

/** A request: the user's credits move to "in delivery" until the transaction is final. */
export function debitEntries(userId: string, amount: bigint): EntryInput[] {
  return [
    { account: userAccount(userId), amount: -amount },
    { account: IN_DELIVERY, amount },
  ];
}

/** The transaction is final and succeeded: the credits left the ledger as tokens on chain. */
export function deliveredEntries(amount: bigint): EntryInput[] {
  return [
    { account: IN_DELIVERY, amount: -amount },
    { account: SYSTEM.transfers, amount },
  ];
}

/** The action failed (reverted or never sendable): the exact reverse of the debit. */
export function returnedEntries(userId: string, amount: bigint): EntryInput[] {
  return debitEntries(userId, amount).map((entry) => ({ ...entry, amount: -entry.amount }));
}

/** An escrowed gift refunded to the treasury after expiry: its tokens become credits again. */
export function giftRefundEntries(userId: string, amount: bigint): EntryInput[] {
  return [
    { account: SYSTEM.transfers, amount: -amount },
    { account: userAccount(userId), amount },
  ];
}

/** Journal keys: one journal per (delivery, step), so a retried step never posts twice. */
export const journalKey = {
  debit: (deliveryId: string) => `delivery:${deliveryId}:debit`,
  delivered: (deliveryId: string) => `delivery:${deliveryId}:delivered`,
  returned: (deliveryId: string) => `delivery:${deliveryId}:returned`,
  giftRefund: (giftId: bigint) => `delivery:gift:${giftId}:refunded`,
};
