// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const baseUnits = z.pipe(
  z.string().check(z.regex(/^-?\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

export const balanceSchema = z.object({ balance: baseUnits, withdrawable: baseUnits });
export type CreditBalance = z.infer<typeof balanceSchema>;

export const limitsSchema = z.object({
  tier: z.enum(["BASIC", "STANDARD", "PREMIUM"]),
  restricted: z.boolean(),
  windowHours: z.int(),
  limitCents: z.int(),
  usedCents: z.int(),
  remainingCents: z.int(),
  nextReleaseAt: z.nullable(z.string()),
  fullyAvailableAt: z.nullable(z.string()),
  /** Capacity held by checkouts not paid yet, each until its session expires. */
  reservedCents: z.int(),
  reservations: z.array(
    z.object({ purchaseId: z.string(), amountCents: z.int(), reservedUntil: z.string() }),
  ),
  withdrawalHoldHours: z.int(),
});
export type Limits = z.infer<typeof limitsSchema>;

export const purchaseSchema = z.object({
  id: z.string(),
  status: z.enum(["open", "processing", "paid", "failed", "expired", "over_limit"]),
  amountCents: z.int(),
  priceCentsPerBoon: z.int(),
  credits: baseUnits,
  checkoutUrl: z.nullable(z.string()),
  reservedUntil: z.nullable(z.string()),
  createdAt: z.string(),
  paidAt: z.nullable(z.string()),
});
export type Purchase = z.infer<typeof purchaseSchema>;

export const verificationSchema = z.object({
  id: z.string(),
  targetTier: z.enum(["STANDARD", "PREMIUM"]),
  status: z.enum(["requires_input", "processing", "verified", "canceled"]),
  url: z.nullable(z.string()),
  createdAt: z.string(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const fetchBalance = (backend: Backend) => backend("/v1/me/balance", balanceSchema);
export const fetchLimits = (backend: Backend) => backend("/v1/me/limits", limitsSchema);
export const fetchPurchase = (backend: Backend, id: string) =>
  backend(`/v1/purchases/${encodeURIComponent(id)}`, purchaseSchema);
export const fetchVerifications = (backend: Backend) =>
  backend("/v1/kyc/verifications", z.object({ items: z.array(verificationSchema) }));

export const createPurchase = (backend: Backend, amountCents: number, idempotencyKey: string) =>
  backend("/v1/purchases", purchaseSchema, {
    method: "POST",
    body: { amountCents },
    idempotencyKey,
  });

/** Gives up an unpaid checkout: Stripe expires it and its reservation is released at once. */
export const cancelPurchase = (backend: Backend, id: string) =>
  backend(`/v1/purchases/${encodeURIComponent(id)}/cancel`, purchaseSchema, { method: "POST" });

export const startVerification = (backend: Backend, targetTier: "STANDARD" | "PREMIUM") =>
  backend("/v1/kyc/verifications", verificationSchema, { method: "POST", body: { targetTier } });

/** Dollars typed by a person ("25", "25.50") as integer cents, or null when it is not money. */
export function parseDollars(input: string): number | null {
  const match = /^\s*\$?\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  const cents =
    Number.parseInt(match[1] ?? "0", 10) * 100 +
    Number.parseInt((match[2] ?? "0").padEnd(2, "0"), 10);
  return cents > 0 ? cents : null;
}
