// Everything the local Stripe knows, in memory: Checkout Sessions, the charges their payments made,
// refunds, disputes, Identity verification sessions, stored idempotent answers and every event it
// has built. Time comes from the stand-in's clock, so tests expire sessions without waiting.
import type { Clock } from "../clock.ts";
import { noSuch } from "./errors.ts";
import {
  type Charge,
  type CheckoutSession,
  type Dispute,
  type Metadata,
  makeEvent,
  type StripeEvent,
  type StripeObject,
  type VerificationSession,
} from "./objects.ts";

export type SessionEntry = {
  session: CheckoutSession;
  productName: string;
  /** `payment_intent_data[metadata]`: copied onto the charge the payment creates. */
  paymentMetadata: Metadata;
};

export type StoredAnswer = { paramsHash: string; status: number; body: unknown };

export type StripeState = {
  clock: Clock;
  apiVersion: string;
  secretKey: string;
  /** The stand-in's own base URL (hosted pages' links); known once it listens. */
  baseUrl: string;
  sessions: Map<string, SessionEntry>;
  charges: Map<string, Charge>;
  chargeByPaymentIntent: Map<string, string>;
  disputes: Map<string, Dispute>;
  verifications: Map<string, VerificationSession>;
  /** Keyed by secret key, method, path and Idempotency-Key. */
  idempotent: Map<string, StoredAnswer>;
  events: StripeEvent[];
};

export function createState(clock: Clock, secretKey: string, apiVersion: string): StripeState {
  return {
    clock,
    apiVersion,
    secretKey,
    baseUrl: "",
    sessions: new Map(),
    charges: new Map(),
    chargeByPaymentIntent: new Map(),
    disputes: new Map(),
    verifications: new Map(),
    idempotent: new Map(),
    events: [],
  };
}

export function nowSeconds(state: StripeState): number {
  return Math.floor(state.clock.now() / 1000);
}

/** Builds an event of `object` as it is now and records it; the caller delivers it. */
export function emit(state: StripeState, type: string, object: StripeObject): StripeEvent {
  const event = makeEvent(type, object, state.apiVersion, nowSeconds(state));
  state.events.push(event);
  return event;
}

/** What `map` holds under `id`, else Stripe's "No such …" error naming the object and parameter. */
function stored<T>(map: Map<string, T>, id: string, objectType: string, param: string): T {
  const value = map.get(id);
  if (value === undefined) throw noSuch(objectType, id, param);
  return value;
}

export const requireSession = (state: StripeState, id: string): SessionEntry =>
  stored(state.sessions, id, "checkout.session", "session");

export const requireCharge = (state: StripeState, id: string): Charge =>
  stored(state.charges, id, "charge", "charge");

export function chargeOfPaymentIntent(state: StripeState, paymentIntent: string): Charge {
  const id = stored(state.chargeByPaymentIntent, paymentIntent, "payment_intent", "payment_intent");
  return requireCharge(state, id);
}

export const requireDispute = (state: StripeState, id: string): Dispute =>
  stored(state.disputes, id, "dispute", "dispute");

export const requireVerification = (state: StripeState, id: string): VerificationSession =>
  stored(state.verifications, id, "identity.verification_session", "session");
