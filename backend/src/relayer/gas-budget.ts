import { rateLimitedUpstream } from "../errors.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { BudgetDay } from "./gas-budget.repository.ts";
import type { RelayerConfig } from "./relayer.config.ts";

// The daily gas budget's rules: what is left, whether a reservation fits, when to alert.

export const remainingWei = (d: BudgetDay) => d.budgetWei - d.spentWei - d.reservedWei;

/** Seconds until the next UTC midnight, when a new day's budget starts. */
export function secondsToNextUtcDay(now = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** Refuses a reservation the day's budget cannot cover (nothing is queued, no gas spent). */
export function assertFits(day: BudgetDay, reserveWei: bigint): void {
  if (remainingWei(day) >= reserveWei) return;
  throw rateLimitedUpstream(
    "relay_budget_exhausted",
    "Gas-free claims are paused until tomorrow (UTC): today's gas budget is spent. You can still claim with your own wallet.",
    secondsToNextUtcDay(),
  );
}

/** Gauges of the day and the low-budget alert (a gauge, and a warning log while it holds). */
export function observeBudget(
  metrics: Metrics,
  logger: Logger,
  config: RelayerConfig,
  day: BudgetDay,
): void {
  const remaining = remainingWei(day);
  metrics.relayGasSpentToday.set(Number(day.spentWei));
  metrics.relayBudgetRemaining.set(Number(remaining));
  const low = remaining * 10_000n < day.budgetWei * config.alertBps;
  metrics.relayBudgetLow.set(low ? 1 : 0);
  if (low)
    logger.warn(
      {
        alert: "relay_budget_low",
        day: day.day,
        budgetWei: day.budgetWei.toString(),
        spentWei: day.spentWei.toString(),
        reservedWei: day.reservedWei.toString(),
        remainingWei: remaining.toString(),
      },
      "relayer gas budget below its alert threshold",
    );
}
