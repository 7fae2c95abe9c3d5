// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const baseUnits = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

export const pricingSchema = z.object({
  currency: z.literal("usd"),
  /** BOON base units one US dollar buys. */
  boonPerUsd: baseUnits,
  decimals: z.int(),
  feeCents: z.object({ fixed: z.int(), bps: z.int() }),
  minCents: z.int(),
  maxCents: z.int(),
});
export type Pricing = z.infer<typeof pricingSchema>;

/** What card purchases cost (public: no session needed). */
export const fetchPricing = (backend: Backend) => backend("/v1/pricing", pricingSchema);

/** The fee on `cents` under `pricing` (integer cents, rounded down as the backend does). */
export function feeFor(pricing: Pricing, cents: number): number {
  return pricing.feeCents.fixed + Math.floor((cents * pricing.feeCents.bps) / 10_000);
}

/** BOON base units `cents` buy (rounded down as the backend does). */
export function boonFor(pricing: Pricing, cents: number): bigint {
  return (BigInt(cents) * pricing.boonPerUsd) / 100n;
}
