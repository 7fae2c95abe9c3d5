import { BOON_DECIMALS } from "../ledger/amounts.ts";
import { giftKindOfDelivery } from "./actions.ts";
import type { Delivery, DeliveryStatus } from "./outbox.repository.ts";

/** Statuses as users see them: a signed transaction is on its way, so it counts as sent. */
const PUBLIC_STATUS: Record<DeliveryStatus, "queued" | "sent" | "confirmed" | "failed"> = {
  queued: "queued",
  signed: "sent",
  sent: "sent",
  confirmed: "confirmed",
  failed: "failed",
};

const PUBLIC_KIND = {
  withdrawal: "withdrawal",
  gift_address: "gift",
  gift_social: "gift",
  gift_link: "gift",
  gift_refund: "gift_refund",
  float_mint: "internal",
  vault_approve: "internal",
  relay_claim: "internal",
} as const;

/** The public JSON view of a delivery (amounts as strings: base units exceed 2^53). */
export function deliveryView(d: Delivery) {
  const giftKind = giftKindOfDelivery(d.kind);
  return {
    id: d.id,
    type: PUBLIC_KIND[d.kind],
    giftKind,
    status: PUBLIC_STATUS[d.status],
    amount: d.amount.toString(),
    decimals: BOON_DECIMALS,
    recipient: d.kind === "gift_link" ? null : d.recipient,
    recipientLabel: d.recipientLabel,
    linkKeyAddress: d.kind === "gift_link" ? d.recipient : null,
    context: d.context,
    message: d.message,
    expiresAt: d.expiry > 0n ? new Date(Number(d.expiry) * 1000).toISOString() : null,
    refundOf: d.refundOf,
    txHash: d.status === "queued" ? null : d.txHash,
    blockNumber: d.blockNumber?.toString() ?? null,
    giftId: d.giftId?.toString() ?? null,
    failure:
      d.status === "failed"
        ? { code: d.failureCode ?? "failed", reason: d.failureReason ?? "" }
        : null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    finishedAt: d.finishedAt?.toISOString() ?? null,
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;
