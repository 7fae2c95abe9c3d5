// Checkout Sessions in payment mode (https://docs.stripe.com/api/checkout/sessions): create,
// retrieve, expire, expiry at `expires_at`, and the payments the hosted page makes — each building
// the events Stripe sends (`checkout.session.completed`, `async_payment_succeeded`/`_failed`,
// `expired`). Functions change the state and return the events; the caller delivers them.
import { invalidParam, StripeApiError } from "./errors.ts";
import type { Charge, CheckoutSession, StripeEvent } from "./objects.ts";
import { stripeId } from "./objects.ts";
import { asArray, asObject, type Form, int, metadata, optInt, optStr, str } from "./params.ts";
import { emit, nowSeconds, requireSession, type StripeState } from "./state.ts";

/** Stripe's bounds for `expires_at`: 30 minutes to 24 hours after creation (24 h by default). */
export const SESSION_MIN_LIFETIME_SECONDS = 30 * 60;
export const SESSION_MAX_LIFETIME_SECONDS = 24 * 3600;

/** How the hosted page's buttons pay: a card, or an async method that later succeeds or fails. */
export type PayMethod = "card" | "async" | "async_fail";

type LineItems = { total: number; currency: string; productName: string };

function lineItems(form: Form): LineItems {
  let total = 0;
  let currency = "usd";
  let productName = "Purchase";
  for (const [i, raw] of asArray(form.line_items, "line_items").entries()) {
    const item = asObject(raw, `line_items[${i}]`);
    const price = asObject(item.price_data, `line_items[${i}][price_data]`);
    const unit = int(price.unit_amount, `line_items[${i}][price_data][unit_amount]`);
    const quantity = optInt(item.quantity, `line_items[${i}][quantity]`) ?? 1;
    currency = str(price.currency, `line_items[${i}][price_data][currency]`);
    if (price.product_data !== undefined) {
      const product = asObject(price.product_data, "product_data");
      if (product.name !== undefined) productName = str(product.name, "product_data[name]");
    }
    total += unit * quantity;
  }
  return { total, currency, productName };
}

function expiresAt(form: Form, created: number): number {
  const value = optInt(form.expires_at, "expires_at") ?? created + SESSION_MAX_LIFETIME_SECONDS;
  const lifetime = value - created;
  if (lifetime < SESSION_MIN_LIFETIME_SECONDS || lifetime > SESSION_MAX_LIFETIME_SECONDS) {
    throw invalidParam(
      "expires_at",
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
    );
  }
  return value;
}

/** POST /v1/checkout/sessions */
export function createSession(state: StripeState, form: Form): CheckoutSession {
  if (str(form.mode, "mode") !== "payment")
    throw invalidParam("mode", "Only mode=payment is supported by the local Stripe");
  const items = lineItems(form);
  const created = nowSeconds(state);
  const id = stripeId("cs");
  const paymentData =
    form.payment_intent_data === undefined
      ? {}
      : asObject(form.payment_intent_data, "payment_intent_data");
  const methods =
    form.payment_method_types === undefined
      ? ["card"]
      : asArray(form.payment_method_types, "payment_method_types").map((v) =>
          str(v, "payment_method_types"),
        );
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    amount_subtotal: items.total,
    amount_total: items.total,
    cancel_url: optStr(form.cancel_url),
    client_reference_id: optStr(form.client_reference_id),
    created,
    currency: items.currency,
    customer: null,
    customer_email: optStr(form.customer_email),
    expires_at: expiresAt(form, created),
    livemode: false,
    metadata: metadata(form.metadata),
    mode: "payment",
    payment_intent: null,
    payment_method_types: methods,
    payment_status: "unpaid",
    status: "open",
    success_url: optStr(form.success_url),
    url: `${state.baseUrl}/checkout/${id}`,
  };
  state.sessions.set(id, {
    session,
    productName: items.productName,
    paymentMetadata: metadata(paymentData.metadata),
  });
  return session;
}

/** POST /v1/checkout/sessions/:id/expire — only an open session can be expired. */
export function expireSession(state: StripeState, id: string): StripeEvent[] {
  const { session } = requireSession(state, id);
  if (session.status !== "open") {
    throw new StripeApiError(
      400,
      `Only Checkout Sessions with a status in ["open"] can be expired.`,
      { code: "checkout_session_not_open" },
    );
  }
  session.status = "expired";
  session.url = null;
  return [emit(state, "checkout.session.expired", session)];
}

/** Stripe expires open sessions at `expires_at` by itself. */
export function expireDue(state: StripeState): StripeEvent[] {
  const now = nowSeconds(state);
  return [...state.sessions.values()]
    .filter(({ session }) => session.status === "open" && session.expires_at <= now)
    .flatMap(({ session }) => expireSession(state, session.id));
}

/** The charge a session's payment made (one per payment intent). */
function chargeFor(state: StripeState, sessionId: string): Charge {
  const entry = requireSession(state, sessionId);
  const paymentIntent = entry.session.payment_intent ?? stripeId("pi");
  entry.session.payment_intent = paymentIntent;
  const existing = state.chargeByPaymentIntent.get(paymentIntent);
  if (existing) return state.charges.get(existing) as Charge;
  const { amount_total: amount, currency } = entry.session;
  const charge: Charge = {
    id: stripeId("ch"),
    object: "charge",
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    captured: true,
    created: nowSeconds(state),
    currency,
    disputed: false,
    livemode: false,
    metadata: { ...entry.paymentMetadata },
    paid: true,
    payment_intent: paymentIntent,
    refunded: false,
    status: "succeeded",
  };
  state.charges.set(charge.id, charge);
  state.chargeByPaymentIntent.set(paymentIntent, charge.id);
  return charge;
}

/** The customer pays on the hosted page: the events of that payment, in Stripe's order. */
export function paySession(state: StripeState, sessionId: string, method: PayMethod) {
  const { session } = requireSession(state, sessionId);
  if (session.status !== "open")
    throw new StripeApiError(400, `Checkout session ${sessionId} is ${session.status}`);
  session.status = "complete";
  session.url = null;
  session.payment_intent = session.payment_intent ?? stripeId("pi");
  if (method === "card") {
    chargeFor(state, sessionId);
    session.payment_status = "paid";
    return [emit(state, "checkout.session.completed", session)];
  }
  // Async methods (bank debits): completed while unpaid, then the outcome days later.
  const completed = emit(state, "checkout.session.completed", session);
  if (method === "async_fail")
    return [completed, emit(state, "checkout.session.async_payment_failed", session)];
  chargeFor(state, sessionId);
  session.payment_status = "paid";
  return [completed, emit(state, "checkout.session.async_payment_succeeded", session)];
}
