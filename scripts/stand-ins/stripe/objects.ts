// Stripe's object shapes, as the API reference describes them (https://docs.stripe.com/api), with
// the fields Boon or a reader of the events looks at. Amounts are integers in the smallest currency
// unit; times are Unix seconds.
import { randomBytes } from "node:crypto";

export function stripeId(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

export type Metadata = Record<string, string>;

/** https://docs.stripe.com/api/checkout/sessions/object */
export type CheckoutSession = {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Metadata;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  url: string | null;
};

/** https://docs.stripe.com/api/charges/object */
export type Charge = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  disputed: boolean;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
};

/** https://docs.stripe.com/api/refunds/object */
export type Refund = {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  status: "succeeded";
};

/** https://docs.stripe.com/api/balance_transactions/object (a dispute's withdrawal or reinstatement). */
export type BalanceTransaction = {
  id: string;
  object: "balance_transaction";
  /** Negative when funds are withdrawn from the account, positive when reinstated. */
  amount: number;
  available_on: number;
  created: number;
  currency: string;
  description: string;
  fee: number;
  net: number;
  reporting_category: "dispute" | "dispute_reversal";
  source: string;
  status: "pending" | "available";
  type: "adjustment";
};

/**
 * https://docs.stripe.com/api/disputes/object. `warning_*` statuses are inquiries (no money has
 * moved); the others are chargebacks, whose money movements are the `balance_transactions`.
 */
export type DisputeStatus =
  | "warning_needs_response"
  | "warning_under_review"
  | "warning_closed"
  | "needs_response"
  | "under_review"
  | "won"
  | "lost";

export type Dispute = {
  id: string;
  object: "dispute";
  amount: number;
  balance_transactions: BalanceTransaction[];
  charge: string;
  created: number;
  currency: string;
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: DisputeStatus;
};

/** https://docs.stripe.com/api/identity/verification_sessions/object */
export type VerificationSession = {
  id: string;
  object: "identity.verification_session";
  client_reference_id: string | null;
  created: number;
  last_error: { code: string; reason: string } | null;
  livemode: false;
  metadata: Metadata;
  return_url: string | null;
  status: "requires_input" | "processing" | "verified" | "canceled";
  type: "document" | "id_number";
  url: string | null;
};

export type StripeObject = CheckoutSession | Charge | Refund | Dispute | VerificationSession;

/** https://docs.stripe.com/api/events/object */
export type StripeEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: StripeObject };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export function makeEvent(
  type: string,
  object: StripeObject,
  apiVersion: string,
  created: number,
): StripeEvent {
  return {
    id: stripeId("evt"),
    object: "event",
    api_version: apiVersion,
    created,
    // A snapshot: later changes to the object must not alter an already-built event.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
