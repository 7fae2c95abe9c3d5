export const TIERS = ["BASIC", "STANDARD", "PREMIUM"] as const;
export type Tier = (typeof TIERS)[number];

/** Card purchases allowed per rolling 24 hours, in integer US cents. */
export const TIER_LIMIT_CENTS: Record<Tier, number> = {
  BASIC: 10_000,
  STANDARD: 100_000,
  PREMIUM: 1_000_000,
};

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** The higher of two tiers: verification only ever upgrades. */
export function higherTier(a: Tier, b: Tier): Tier {
  return tierRank(a) >= tierRank(b) ? a : b;
}

/**
 * A purchase counting against the window: paid (or being paid) ones for 24 hours from creation; an
 * open checkout only until its session expires (`heldUntil`), unless it is paid by then.
 */
export type Reservation = {
  purchaseId?: string;
  amountCents: number;
  createdAt: Date;
  heldUntil?: Date | null;
};

export type LimitView = {
  tier: Tier;
  limitCents: number;
  usedCents: number;
  remainingCents: number;
  /** When the oldest reservation in the window leaves it and frees capacity; null when nothing is used. */
  nextReleaseAt: Date | null;
  /** When the full limit is available again; null when nothing is used. */
  fullyAvailableAt: Date | null;
};

/** When a reservation stops counting: 24 hours after creation, or when its open checkout expires. */
function releaseTime(r: Reservation): number {
  const windowEnd = r.createdAt.getTime() + WINDOW_MS;
  return r.heldUntil ? Math.min(r.heldUntil.getTime(), windowEnd) : windowEnd;
}

/** Usage of the rolling window at `now` from the reservations (purchases) that count against it. */
export function limitView(tier: Tier, reservations: readonly Reservation[], now: Date): LimitView {
  const inWindow = reservations.filter((r) => releaseTime(r) > now.getTime());
  const usedCents = inWindow.reduce((sum, r) => sum + r.amountCents, 0);
  const limitCents = TIER_LIMIT_CENTS[tier];
  const times = inWindow.map(releaseTime);
  const remaining = limitCents - usedCents;
  return {
    tier,
    limitCents,
    usedCents,
    remainingCents: Math.max(remaining, 0),
    nextReleaseAt: times.length === 0 ? null : new Date(Math.min(...times)),
    fullyAvailableAt: times.length === 0 ? null : new Date(Math.max(...times)),
  };
}
