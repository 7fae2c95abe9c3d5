// The local Stripe's public face: start it, its dev credentials, the keys that point Boon at it.
export {
  type PayMethod,
  SESSION_MAX_LIFETIME_SECONDS,
  SESSION_MIN_LIFETIME_SECONDS,
} from "./checkout.ts";
export {
  STRIPE_API_VERSION,
  STRIPE_DEV_SECRET_KEY,
  STRIPE_DEV_WEBHOOK_SECRET,
} from "./defaults.ts";
export type { DisputeOutcome, OpenDisputeRequest } from "./disputes.ts";
export { STRIPE_PRODUCTION_URLS, type StripeEnv, stripeStandInEnv } from "./env.ts";
export type { VerificationOutcome } from "./identity.ts";
// Stripe's object shapes (Charge, CheckoutSession, Dispute, StripeEvent, ...).
export type * from "./objects.ts";
export { type StripeStandIn, type StripeStandInOptions, startStripeStandIn } from "./server.ts";
export type { SendOptions, WebhookAttempt } from "./webhooks.ts";
