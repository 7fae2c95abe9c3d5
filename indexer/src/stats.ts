import type { Context } from "ponder:registry";
import {
  account,
  contextStat,
  contextWeeklyStat,
  dailySender,
  dailyStat,
  socialStat,
} from "ponder:schema";
import type { Hex } from "viem";
import { dateOf, weekStartOf } from "./logic/time.ts";

// Upserts shared by the handlers: one write per aggregate row, no read before it, so the
// indexing cache keeps backfill fast.

type Db = Context["db"];

/** The counters `delta` names, each its value in `row` plus the delta (the others stay as they are). */
function plus<D extends Record<string, number | bigint | undefined>>(
  row: Required<D>,
  delta: D,
): D {
  const sums: Record<string, number | bigint> = {};
  for (const [key, by] of Object.entries(delta)) {
    // A counter and its delta are both numbers or both bigints (the delta types say which).
    if (by !== undefined) sums[key] = (row[key] as number) + (by as number);
  }
  return sums as D;
}

export type DailyDelta = {
  gifts?: number;
  volume?: bigint;
  uniqueSenders?: number;
  claims?: number;
  claimedVolume?: bigint;
  refunds?: number;
  refundedVolume?: bigint;
  rewardClaims?: number;
  rewardsPaid?: bigint;
  rewardsMinted?: bigint;
};

export async function bumpDaily(db: Db, day: number, d: DailyDelta): Promise<void> {
  await db
    .insert(dailyStat)
    .values({ day, date: dateOf(day), ...d })
    .onConflictDoUpdate((row) => plus(row, d));
}

/** Records that `sender` gifted on `day`; true the first time that day. */
export async function markDailySender(db: Db, day: number, sender: Hex): Promise<boolean> {
  const inserted = await db.insert(dailySender).values({ day, sender }).onConflictDoNothing();
  return inserted !== null;
}

export type AccountDelta = {
  boonBalance?: bigint;
  giftsSentCount?: number;
  giftsSentVolume?: bigint;
  giftsReceivedCount?: number;
  giftsReceivedVolume?: bigint;
  rewardsClaimed?: bigint;
  rewardClaimsCount?: number;
};

/** Adds `d` to the account's totals; returns the account as it is now. */
export async function bumpAccount(db: Db, address: Hex, d: AccountDelta) {
  return db
    .insert(account)
    .values({ address, ...d })
    .onConflictDoUpdate((row) => plus(row, d));
}

export async function bumpContext(
  db: Db,
  context: Hex,
  day: number,
  timestamp: bigint,
  volume: bigint,
): Promise<void> {
  await db
    .insert(contextStat)
    .values({ context, gifts: 1, volume, firstGiftAt: timestamp, lastGiftAt: timestamp })
    .onConflictDoUpdate((row) => ({
      gifts: row.gifts + 1,
      volume: row.volume + volume,
      lastGiftAt: timestamp,
    }));
  const weekStart = weekStartOf(day);
  await db
    .insert(contextWeeklyStat)
    .values({
      context,
      weekStart,
      weekStartDate: dateOf(weekStart),
      gifts: 1,
      volume,
    })
    .onConflictDoUpdate((row) => ({ gifts: row.gifts + 1, volume: row.volume + volume }));
}

export type SocialDelta = {
  pendingGifts: number;
  pendingAmount: bigint;
  totalGifts?: number;
  totalAmount?: bigint;
  claimedGifts?: number;
  refundedGifts?: number;
};

export async function bumpSocial(db: Db, socialId: Hex, d: SocialDelta): Promise<void> {
  await db
    .insert(socialStat)
    .values({ socialId, ...d })
    .onConflictDoUpdate((row) => ({
      pendingGifts: row.pendingGifts + d.pendingGifts,
      pendingAmount: row.pendingAmount + d.pendingAmount,
      totalGifts: row.totalGifts + (d.totalGifts ?? 0),
      totalAmount: row.totalAmount + (d.totalAmount ?? 0n),
      claimedGifts: row.claimedGifts + (d.claimedGifts ?? 0),
      refundedGifts: row.refundedGifts + (d.refundedGifts ?? 0),
    }));
}
