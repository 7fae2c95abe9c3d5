// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import { formatCents } from "../lib/amount.ts";
import { ApiError, type Backend } from "./backend.ts";
import type { Pricing } from "./pricing.ts";

const baseUnits = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

/** Every status the backend reports, in the buyer's words; the schema accepts exactly these. */
export const purchaseStatusText = {
  pending: "Waiting for payment",
  paid: "Paid",
  failed: "Payment failed",
  cancelled: "You cancelled the payment",
  expired: "Checkout expired",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  disputed: "Disputed",
} as const;
type PurchaseStatus = keyof typeof purchaseStatusText;
const statuses = Object.keys(purchaseStatusText) as [PurchaseStatus, ...PurchaseStatus[]];

const summary = {
  id: z.string(),
  createdAt: z.string(),
  paidAt: z.nullable(z.string()),
  status: z.enum(statuses),
  amountCents: z.int(),
  boon: baseUnits,
  feeCents: z.int(),
};
export const purchaseSummarySchema = z.object(summary);
export type PurchaseSummary = z.infer<typeof purchaseSummarySchema>;

export const receiptSchema = z.object({
  ...summary,
  rate: baseUnits,
  refunds: z.array(
    z.object({
      amountCents: z.int(),
      boon: baseUnits,
      at: z.string(),
      reason: z.enum(["refund", "dispute"]),
    }),
  ),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const fetchPurchases = (backend: Backend) =>
  backend("/v1/me/purchases", z.object({ items: z.array(purchaseSummarySchema) }));

export const fetchReceipt = (backend: Backend, id: string) =>
  backend(`/v1/me/purchases/${encodeURIComponent(id)}`, receiptSchema);

/**
 * What a refused purchase means to the buyer: never the API's wording for developers
 * ("amountCents must be between…"), always what to do next.
 */
export function purchaseProblem(error: unknown, pricing: Pricing | undefined): string {
  if (!(error instanceof ApiError)) return "The purchase could not be started. Try again.";
  switch (error.code) {
    case "invalid_request":
      return pricing
        ? `Enter an amount from ${formatCents(pricing.minCents)} to ${formatCents(pricing.maxCents)}.`
        : "Enter a smaller or larger amount.";
    case "kyc_limit_exceeded":
      return "This is more than your card limit allows right now. Enter a smaller amount, or raise your limit on Account.";
    case "account_restricted":
      return "Card purchases are turned off on this account. Contact support.";
    case "payment_provider_unavailable":
      return "The payment service is not answering right now. Nothing was charged; try again in a minute.";
    case "rate_limited":
      return "Too many attempts in a row. Wait a minute and try again.";
    case "unauthenticated":
      return "Your session ended. Sign in again to buy.";
    case "network_error":
      return error.message;
    default:
      return "The purchase could not be started. Nothing was charged; try again.";
  }
}
