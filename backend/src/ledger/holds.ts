import type { Queryable } from "../db/pool.ts";
import type { Tier } from "../kyc/tiers.ts";
import { userAccount } from "./accounts.ts";
import { maxBig } from "./amounts.ts";
import { balanceSummary, heldCardCredits } from "./ledger.repository.ts";

export type Holds = { available: bigint; held: bigint; releases: { amount: bigint; at: Date }[] };

/**
 * What may leave to a wallet now and what becomes withdrawable when, if the balance stays as it
 * is. The rule is the ledger's (withdrawable = balance - card credits inside the hold): each hold
 * ending raises the withdrawable amount by what it frees of the balance, which is less than the
 * purchase when the credits were spent meanwhile. A restricted account withdraws nothing, and no
 * date can be given (support lifts the restriction).
 */
export function holdsOf(
  balance: bigint,
  restricted: boolean,
  held: { amount: bigint; releaseAt: Date }[],
): Holds {
  if (restricted) return { available: 0n, held: balance, releases: [] };
  let stillHeld = held.reduce((sum, h) => sum + h.amount, 0n);
  const available = maxBig(0n, balance - stillHeld);
  const releases: Holds["releases"] = [];
  let before = available;
  for (const h of [...held].sort((a, b) => a.releaseAt.getTime() - b.releaseAt.getTime())) {
    stillHeld -= h.amount;
    const after = maxBig(0n, balance - stillHeld);
    const last = releases.at(-1);
    if (after > before) {
      if (last && last.at.getTime() === h.releaseAt.getTime()) last.amount += after - before;
      else releases.push({ amount: after - before, at: h.releaseAt });
    }
    before = after;
  }
  return { available, held: balance - available, releases };
}

export async function readHolds(
  db: Queryable,
  userId: string,
  holdHours: Record<Tier, number>,
): Promise<Holds> {
  const [summary, held] = await Promise.all([
    balanceSummary(db, userAccount(userId), userId, holdHours),
    heldCardCredits(db, userId, holdHours),
  ]);
  return holdsOf(summary.balance, summary.restricted, held);
}
