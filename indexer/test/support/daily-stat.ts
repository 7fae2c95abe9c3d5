import { dateOf } from "../../src/logic/time.ts";

/** A dailyStat row for a day on which nothing happened (tests spread in what did happen). */
export const quietDay = (day: number) => ({
  day,
  date: dateOf(day),
  gifts: 0,
  volume: 0n,
  uniqueSenders: 0,
  claims: 0,
  claimedVolume: 0n,
  refunds: 0,
  refundedVolume: 0n,
  rewardClaims: 0,
  rewardsPaid: 0n,
  rewardsMinted: 0n,
});
