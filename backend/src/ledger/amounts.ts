/** BOON has 18 decimals: one whole BOON is 10^18 base units. */
export const BOON_DECIMALS = 18;
export const BASE_UNITS_PER_BOON = 10n ** 18n;

/** Credits (base units) bought with `cents` at `priceCents` per whole BOON; rounds down, integers only. */
export function creditsForCents(cents: bigint, priceCents: bigint): bigint {
  if (cents < 0n || priceCents <= 0n) throw new RangeError("cents must be >= 0 and price > 0");
  return (cents * BASE_UNITS_PER_BOON) / priceCents;
}

/** The share of `credits` that `partCents` of `totalCents` stands for, rounded down. */
export function proportionalCredits(
  credits: bigint,
  partCents: bigint,
  totalCents: bigint,
): bigint {
  if (totalCents <= 0n || partCents < 0n || partCents > totalCents) {
    throw new RangeError("need 0 <= partCents <= totalCents and totalCents > 0");
  }
  return (credits * partCents) / totalCents;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
