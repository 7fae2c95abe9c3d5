// Disputes as Stripe runs them (https://docs.stripe.com/disputes/how-disputes-work,
// https://docs.stripe.com/api/disputes/object):
// - an inquiry (`warning_needs_response` → `warning_under_review` → `warning_closed`) moves no
//   money: its `balance_transactions` stay empty;
// - a chargeback (`needs_response` → `under_review` → `won`/`lost`) withdraws the disputed amount
//   at once (a negative balance transaction plus the fee; `charge.dispute.funds_withdrawn`), and a
//   won one reinstates it (a positive one; `charge.dispute.funds_reinstated`);
// - an inquiry may escalate into a chargeback on the same dispute object.
import { StripeApiError } from "./errors.ts";
import type { BalanceTransaction, Dispute, StripeEvent } from "./objects.ts";
import { stripeId } from "./objects.ts";
import {
  chargeOfPaymentIntent,
  emit,
  nowSeconds,
  requireDispute,
  type StripeState,
} from "./state.ts";

/** Stripe's US dispute fee, charged on withdrawal and returned when the dispute is won. */
export const DISPUTE_FEE_CENTS = 1500;

export type OpenDisputeRequest = {
  paymentIntent: string;
  amount?: number;
  /** An inquiry (no funds withdrawn) instead of a chargeback. */
  inquiry?: boolean;
  reason?: string;
};

export type DisputeOutcome = "won" | "lost" | "warning_closed";

function balanceTransaction(state: StripeState, d: Dispute, withdrawal: boolean) {
  const sign = withdrawal ? -1 : 1;
  const now = nowSeconds(state);
  const transaction: BalanceTransaction = {
    id: stripeId("txn"),
    object: "balance_transaction",
    amount: sign * d.amount,
    available_on: now + 2 * 86_400,
    created: now,
    currency: d.currency,
    description: `${withdrawal ? "Chargeback withdrawal" : "Chargeback reversal"} for ${d.charge}`,
    fee: sign * -DISPUTE_FEE_CENTS,
    net: sign * (d.amount + DISPUTE_FEE_CENTS),
    reporting_category: withdrawal ? "dispute" : "dispute_reversal",
    source: d.id,
    status: "pending",
    type: "adjustment",
  };
  d.balance_transactions.push(transaction);
}

/** A new dispute on a payment: an inquiry, or a chargeback that withdraws the funds at once. */
export function openDispute(state: StripeState, request: OpenDisputeRequest) {
  const charge = chargeOfPaymentIntent(state, request.paymentIntent);
  charge.disputed = true;
  const dispute: Dispute = {
    id: stripeId("du"),
    object: "dispute",
    amount: request.amount ?? charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: nowSeconds(state),
    currency: charge.currency,
    is_charge_refundable: Boolean(request.inquiry),
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: request.reason ?? "fraudulent",
    status: request.inquiry ? "warning_needs_response" : "needs_response",
  };
  state.disputes.set(dispute.id, dispute);
  if (request.inquiry) return { dispute, events: [emit(state, "charge.dispute.created", dispute)] };
  return withdrawFunds(state, dispute, "charge.dispute.created");
}

/** An open inquiry becomes a chargeback: the funds are withdrawn now. */
export function escalateDispute(state: StripeState, id: string) {
  const dispute = requireDispute(state, id);
  if (dispute.status !== "warning_needs_response" && dispute.status !== "warning_under_review")
    throw new StripeApiError(400, `Dispute ${id} is not an open inquiry (${dispute.status})`);
  dispute.status = "needs_response";
  dispute.is_charge_refundable = false;
  return withdrawFunds(state, dispute, "charge.dispute.updated");
}

/** A chargeback takes the funds from the balance now: its `change` event, then funds_withdrawn. */
function withdrawFunds(state: StripeState, dispute: Dispute, change: string) {
  balanceTransaction(state, dispute, true);
  const events = [
    emit(state, change, dispute),
    emit(state, "charge.dispute.funds_withdrawn", dispute),
  ];
  return { dispute, events };
}

/** Evidence submitted: the dispute is under review (inquiries: `warning_under_review`). */
export function submitEvidence(state: StripeState, id: string) {
  const dispute = requireDispute(state, id);
  const next = { warning_needs_response: "warning_under_review", needs_response: "under_review" };
  const status = next[dispute.status as keyof typeof next];
  if (!status) throw new StripeApiError(400, `Dispute ${id} does not need a response`);
  dispute.status = status as Dispute["status"];
  return { dispute, events: [emit(state, "charge.dispute.updated", dispute)] };
}

/** The issuer decides: a chargeback is won (funds reinstated) or lost; an inquiry just closes. */
export function closeDispute(state: StripeState, id: string, outcome: DisputeOutcome) {
  const dispute = requireDispute(state, id);
  const inquiry = dispute.status.startsWith("warning_");
  if (dispute.status === "won" || dispute.status === "lost" || dispute.status === "warning_closed")
    throw new StripeApiError(400, `Dispute ${id} is already closed (${dispute.status})`);
  if (inquiry !== (outcome === "warning_closed"))
    throw new StripeApiError(
      400,
      `${inquiry ? "An inquiry" : "A chargeback"} cannot close as ${outcome}`,
    );
  dispute.status = outcome;
  dispute.is_charge_refundable = false;
  const events: StripeEvent[] = [];
  if (outcome === "won") {
    balanceTransaction(state, dispute, false);
    events.push(emit(state, "charge.dispute.funds_reinstated", dispute));
  }
  events.push(emit(state, "charge.dispute.closed", dispute));
  return { dispute, events };
}
