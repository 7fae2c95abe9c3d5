import type { Config } from "../config.ts";
import type { Logger } from "../ops/logger.ts";
import { type StripeLocal, startStripeLocal } from "./server.ts";

/**
 * With no STRIPE_SECRET_KEY, starts the local Stripe stand-in on STRIPE_LOCAL_PORT, posting signed
 * webhooks to this backend; with a key, real Stripe is used and nothing starts.
 */
export async function startLocalStripeIfNeeded(
  config: Config,
  logger: Logger,
): Promise<StripeLocal | undefined> {
  if (config.stripe.secretKey) return undefined;
  const local = await startStripeLocal({
    webhookSecret: config.stripe.webhookSecret,
    webhookUrl: `http://127.0.0.1:${config.port}/v1/webhooks/stripe`,
    port: config.stripe.localPort,
    log: (message, details) => logger.info(details ?? {}, message),
  });
  logger.info(
    { url: local.url },
    "STRIPE_SECRET_KEY not set: using the local Stripe stand-in (test mode)",
  );
  return local;
}
