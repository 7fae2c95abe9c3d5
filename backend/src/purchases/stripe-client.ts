import Stripe from "stripe";
import type { StripeConfig } from "../config.ts";

/**
 * The official client, pointed at STRIPE_API_URL: real Stripe (https://api.stripe.com) or the
 * local stand-in (scripts/stand-ins/stripe) — the same code path either way.
 */
export function createStripeClient(config: StripeConfig): Stripe {
  const api = new URL(config.apiUrl);
  const https = api.protocol === "https:";
  return new Stripe(config.secretKey, {
    host: api.hostname,
    port: api.port === "" ? (https ? 443 : 80) : Number(api.port),
    protocol: https ? "https" : "http",
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
  });
}
