/** Assets the ledger holds: BOON credits in base units (18 decimals) and US dollars in cents. */
export type Asset = "BOON" | "USD";

/** The named system accounts seeded by migration 0002 (documented in backend/README.md). */
export const SYSTEM = {
  creditsIssued: "system:credits_issued",
  disputeRecovery: "system:dispute_recovery",
  transfers: "system:transfers",
  stripeClearing: "system:stripe_clearing",
  cardSales: "system:card_sales",
  disputeLosses: "system:dispute_losses",
  refundsPayable: "system:refunds_payable",
  /** Credits on their way to the chain (migration 0010, delivery). */
  inDelivery: "system:in_delivery",
} as const;

/** Code of a user's spendable BOON credit account. */
export function userAccount(userId: string): string {
  return `user:${userId.toLowerCase()}:boon`;
}
