import type { Queryable } from "../db/pool.ts";
import { notFound } from "../errors.ts";
import { readSubjectEvents } from "../events/events.repository.ts";
import { boonPerUsd, feeCentsFor } from "./pricing.ts";
import {
  findPurchaseHistory,
  listPurchaseHistory,
  type PurchaseHistory,
} from "./purchases.repository.ts";

/** Where a purchase stands, in the buyer's terms (the receipts' `status`). */
export const PURCHASE_STATUSES = [
  "pending",
  "paid",
  "failed",
  "cancelled",
  "expired",
  "refunded",
  "partially_refunded",
  "disputed",
] as const;
export type PurchaseStatusView = (typeof PURCHASE_STATUSES)[number];

/** Dispute statuses after which the payment stands again (an inquiry closed, a chargeback won). */
const DISPUTE_SETTLED = new Set(["won", "warning_closed"]);

/** The buyer's word for where a purchase stands. */
function statusOf(p: PurchaseHistory): PurchaseStatusView {
  switch (p.status) {
    case "open":
    case "processing":
      return "pending";
    case "failed":
      return "failed";
    case "expired":
      return p.cancelled ? "cancelled" : "expired";
    case "over_limit":
      // Paid over the KYC limit: Boon refunds it in full and credits nothing.
      return "refunded";
    case "paid":
      if (p.disputeStatus && !DISPUTE_SETTLED.has(p.disputeStatus)) return "disputed";
      if (p.refundedCents >= p.amountCents) return "refunded";
      return p.refundedCents > 0 ? "partially_refunded" : "paid";
  }
}

function purchaseSummary(p: PurchaseHistory) {
  return {
    id: p.id,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    status: statusOf(p),
    amountCents: p.amountCents,
    boon: p.credits.toString(),
    feeCents: feeCentsFor(p.amountCents),
  };
}

const PURCHASES_LISTED = 200;

export async function listPurchases(db: Queryable, userId: string) {
  const rows = await listPurchaseHistory(db, userId, PURCHASES_LISTED);
  return { items: rows.map(purchaseSummary) };
}

/** A purchase with its rate and the money that went back: refunds and lost disputes. */
export async function purchaseReceipt(db: Queryable, userId: string, id: string) {
  const p = await findPurchaseHistory(db, id, userId);
  // Another user's purchase is indistinguishable from a missing one.
  if (!p) throw notFound("purchase_not_found", "No such purchase");
  const events = await readSubjectEvents(db, { type: "purchase", id: p.id }, [
    "purchase.refunded",
    "purchase.disputed",
  ]);
  const refunds = events.map((e) => {
    const payload = e.payload as {
      cents: number;
      creditsFromUser: string;
      creditsReceivable: string;
    };
    return {
      amountCents: payload.cents,
      boon: (BigInt(payload.creditsFromUser) + BigInt(payload.creditsReceivable)).toString(),
      at: e.occurredAt.toISOString(),
      reason: e.type === "purchase.disputed" ? "dispute" : "refund",
    };
  });
  return { ...purchaseSummary(p), rate: boonPerUsd(p.priceCentsPerBoon).toString(), refunds };
}
