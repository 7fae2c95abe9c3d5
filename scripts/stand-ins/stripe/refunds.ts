// Refunds (https://docs.stripe.com/api/refunds/create): by payment intent or charge, the whole
// unrefunded remainder by default. Stripe then sends `charge.refunded` with the charge's cumulative
// `amount_refunded`.
import { invalidParam } from "./errors.ts";
import type { Refund, StripeEvent } from "./objects.ts";
import { stripeId } from "./objects.ts";
import { type Form, metadata, optInt, optStr } from "./params.ts";
import {
  chargeOfPaymentIntent,
  emit,
  nowSeconds,
  requireCharge,
  type StripeState,
} from "./state.ts";

export type RefundRequest = {
  paymentIntent: string;
  amount?: number | undefined;
  metadata?: Record<string, string>;
};

export function refund(
  state: StripeState,
  request: RefundRequest,
): { refund: Refund; events: StripeEvent[] } {
  const charge = chargeOfPaymentIntent(state, request.paymentIntent);
  const remaining = charge.amount - charge.amount_refunded;
  const amount = request.amount ?? remaining;
  if (!Number.isInteger(amount) || amount <= 0 || amount > remaining) {
    throw invalidParam(
      "amount",
      `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`,
    );
  }
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  const created: Refund = {
    id: stripeId("re"),
    object: "refund",
    amount,
    charge: charge.id,
    created: nowSeconds(state),
    currency: charge.currency,
    metadata: request.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: null,
    status: "succeeded",
  };
  return { refund: created, events: [emit(state, "charge.refunded", charge)] };
}

/** POST /v1/refunds: `payment_intent` or `charge`, optional `amount` and `metadata`. */
export function createRefund(state: StripeState, form: Form) {
  const chargeId = optStr(form.charge);
  const paymentIntent =
    optStr(form.payment_intent) ??
    (chargeId ? requireCharge(state, chargeId).payment_intent : undefined);
  if (!paymentIntent)
    throw invalidParam("payment_intent", "One of `payment_intent` or `charge` is required.");
  return refund(state, {
    paymentIntent,
    amount: optInt(form.amount, "amount"),
    metadata: metadata(form.metadata),
  });
}
