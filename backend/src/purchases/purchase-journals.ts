import { SYSTEM, userAccount } from "../ledger/accounts.ts";
import { minBig, proportionalCredits } from "../ledger/amounts.ts";
import type { EntryInput } from "../ledger/ledger.repository.ts";

// Pure builders of the on-ramp's journals (see backend/README.md, "Ledger" and "Dispute policy").
// Amounts are credit-positive: user credits and income up = positive.

/** Drops zero entries (the database forbids them) from a journal's list. */
function nonZero(entries: EntryInput[]): EntryInput[] {
  return entries.filter((entry) => entry.amount !== 0n);
}

/** A paid purchase: card money now at Stripe, credits to the user. */
export function creditEntries(userId: string, amountCents: bigint, credits: bigint): EntryInput[] {
  return [
    { account: SYSTEM.stripeClearing, amount: -amountCents },
    { account: SYSTEM.cardSales, amount: amountCents },
    { account: SYSTEM.creditsIssued, amount: -credits },
    { account: userAccount(userId), amount: credits },
  ];
}

/** Paid over the KYC limit (found at fulfilment): no credits, the money is owed back. */
export function overLimitEntries(amountCents: bigint): EntryInput[] {
  return [
    { account: SYSTEM.stripeClearing, amount: -amountCents },
    { account: SYSTEM.refundsPayable, amount: amountCents },
  ];
}

export type Clawback = {
  /** Credits to take back in total for this event. */
  credits: bigint;
  /** Taken from the user's spendable balance (never more than it holds). */
  fromUser: bigint;
  /** The rest, which the user already spent: booked to dispute recovery as a receivable. */
  receivable: bigint;
};

/**
 * How many credits a refund or dispute of `partCents` takes back: the paid-for share, capped by what
 * is still unreversed on the purchase, taken from the spendable balance first.
 */
export function planClawback(p: {
  credits: bigint;
  creditsReversed: bigint;
  amountCents: bigint;
  partCents: bigint;
  spendable: bigint;
}): Clawback {
  const share = proportionalCredits(p.credits, minBig(p.partCents, p.amountCents), p.amountCents);
  const credits = minBig(share, p.credits - p.creditsReversed);
  const fromUser = minBig(credits, p.spendable > 0n ? p.spendable : 0n);
  return { credits, fromUser, receivable: credits - fromUser };
}

function clawbackEntries(userId: string, c: Clawback): EntryInput[] {
  return [
    { account: SYSTEM.creditsIssued, amount: c.credits },
    { account: userAccount(userId), amount: -c.fromUser },
    { account: SYSTEM.disputeRecovery, amount: -c.receivable },
  ];
}

/** A refund of `cents`: money back to the card, credits clawed back. */
export function refundEntries(userId: string, cents: bigint, c: Clawback): EntryInput[] {
  return nonZero([
    { account: SYSTEM.stripeClearing, amount: cents },
    { account: SYSTEM.cardSales, amount: -cents },
    ...clawbackEntries(userId, c),
  ]);
}

/** A refund of money that was never credited (an over-limit payment). */
export function payableRefundEntries(cents: bigint): EntryInput[] {
  return [
    { account: SYSTEM.stripeClearing, amount: cents },
    { account: SYSTEM.refundsPayable, amount: -cents },
  ];
}

/** A dispute opened: Stripe withdraws the money; credits clawed back (or booked as receivable). */
export function disputeOpenedEntries(
  userId: string,
  cents: bigint,
  c: Clawback,
  credited: boolean,
): EntryInput[] {
  return nonZero([
    { account: SYSTEM.stripeClearing, amount: cents },
    { account: credited ? SYSTEM.disputeLosses : SYSTEM.refundsPayable, amount: -cents },
    ...(credited ? clawbackEntries(userId, c) : []),
  ]);
}

/** A dispute won: the exact reverse of its opening journal (a correction is a new journal). */
export function disputeWonEntries(
  userId: string,
  cents: bigint,
  c: Clawback,
  credited: boolean,
): EntryInput[] {
  return disputeOpenedEntries(userId, cents, c, credited).map((entry) => ({
    account: entry.account,
    amount: -entry.amount,
  }));
}
