const SECONDS_PER_DAY = 86_400n;

/** UTC day number of a unix timestamp (seconds), as the RewardDistributor counts days. */
export function dayOf(timestamp: bigint): number {
  return Number(timestamp / SECONDS_PER_DAY);
}

/** A UTC day number as YYYY-MM-DD. */
export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC day number of the Monday starting the ISO week that contains `day` (day 0 was a Thursday). */
export function weekStartOf(day: number): number {
  return day - ((day + 3) % 7);
}
