import Stripe from "stripe";
import type { StripeConfig } from "../config.ts";

/** The key the official client sends to the local stand-in (which accepts any sk_test_ key). */
export const LOCAL_STRIPE_KEY = "sk_test_boonlocal";

/**
 * Always the official client: real Stripe with a secret key, otherwise the local stand-in
 * (src/stripe-local) at `local` or 127.0.0.1:STRIPE_LOCAL_PORT.
 */
export function createStripeClient(
  config: StripeConfig,
  local?: { host: string; port: number },
): Stripe {
  if (config.secretKey)
    return new Stripe(config.secretKey, { maxNetworkRetries: 2, timeout: 20_000 });
  return new Stripe(LOCAL_STRIPE_KEY, {
    host: local?.host ?? "127.0.0.1",
    port: local?.port ?? config.localPort,
    protocol: "http",
    maxNetworkRetries: 1,
    timeout: 10_000,
    telemetry: false,
  });
}
