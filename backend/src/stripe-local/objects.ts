import { randomBytes } from "node:crypto";

// Object shapes follow Stripe's API reference (fields the backend or a reader would look at).

export function stripeId(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type Metadata = Record<string, string>;

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

export type Dispute = {
  id: string;
  object: "dispute";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: "needs_response" | "under_review" | "won" | "lost";
};

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

export function makeEvent(type: string, object: StripeObject, apiVersion: string): StripeEvent {
  return {
    id: stripeId("evt"),
    object: "event",
    api_version: apiVersion,
    created: nowSeconds(),
    // A snapshot: later changes to the object must not alter an already-built event.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
