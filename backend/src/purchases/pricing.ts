import type { MoneyConfig } from "../config.ts";
import { BOON_DECIMALS, creditsForCents } from "../ledger/amounts.ts";

/**
 * Boon charges no fee on top of the card amount today: the whole amount buys credits at the
 * configured price (createPurchase). Stated here once so the price page and receipts agree with it.
 */
export const PURCHASE_FEE = { fixed: 0, bps: 0 } as const;

/** The fee on `amountCents` (integer cents, rounded down). */
export function feeCentsFor(amountCents: number): number {
  return PURCHASE_FEE.fixed + Math.floor((amountCents * PURCHASE_FEE.bps) / 10_000);
}

/** BOON base units one US dollar buys at `priceCentsPerBoon`: what createPurchase credits. */
export function boonPerUsd(priceCentsPerBoon: number): bigint {
  return creditsForCents(100n, BigInt(priceCentsPerBoon));
}

/** The public price list: the same values createPurchase applies. */
export function pricing(money: MoneyConfig) {
  return {
    currency: "usd" as const,
    boonPerUsd: boonPerUsd(money.boonPriceCents).toString(),
    decimals: BOON_DECIMALS,
    feeCents: { ...PURCHASE_FEE },
    minCents: money.purchaseMinCents,
    maxCents: money.purchaseMaxCents,
  };
}
