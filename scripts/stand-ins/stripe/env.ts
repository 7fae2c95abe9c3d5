// The configuration keys through which Boon reaches Stripe. Real Stripe is its API URL plus the
// account's secret key and the webhook endpoint's signing secret; the local Stripe is the same keys
// pointing at the stand-in.
import type { StripeStandIn } from "./server.ts";

export type StripeEnv = {
  /** Base URL of the API (the official client's protocol, host and port). */
  STRIPE_API_URL: string;
  STRIPE_SECRET_KEY: string;
  /** Verifies the `Stripe-Signature` of webhooks. */
  STRIPE_WEBHOOK_SECRET: string;
};

/** Real Stripe's API URL; the keys come from the dashboard (or `stripe listen`). */
export const STRIPE_PRODUCTION_URLS = { STRIPE_API_URL: "https://api.stripe.com" } as const;

/** The keys that point Boon at a running local Stripe. */
export function stripeStandInEnv(stripe: StripeStandIn): StripeEnv {
  return {
    STRIPE_API_URL: stripe.url,
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
  };
}
