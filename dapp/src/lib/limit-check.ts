import type { Limits } from "../api/money.ts";
import { formatCents } from "./amount.ts";

/** Why a purchase of `cents` cannot go through under `limits`, or null when it fits. */
export function limitProblem(cents: number, limits: Limits): string | null {
  if (limits.restricted) return "Card purchases are restricted on this account. Contact support.";
  if (cents <= limits.remainingCents) return null;
  const upgrade = limits.tier === "PREMIUM" ? "" : " Verify your identity on Account to raise it.";
  return `That is more than your ${limits.tier} limit allows right now: ${formatCents(limits.remainingCents)} of ${formatCents(limits.limitCents)} left in the last ${limits.windowHours} hours.${upgrade}`;
}
