import {
  STRIPE_PRODUCTION_URLS,
  startStripeStandIn,
  stripeStandInEnv,
} from "../../stand-ins/index.ts";

export type StripeForStack = {
  /** The STRIPE_* keys for the backend (none when a real key is configured: it passes through). */
  env: Record<string, string>;
  /** Where Stripe is: the local stand-in's index page, or the real API. */
  url: string;
  local: boolean;
  stop(): Promise<void>;
};

/**
 * Real Stripe when STRIPE_SECRET_KEY is set (the backend reads it and STRIPE_WEBHOOK_SECRET from
 * the environment); otherwise the local Stripe on `port`, posting its webhooks to the backend.
 */
export async function startStripe(options: {
  environment: NodeJS.ProcessEnv;
  port: number;
  backendPort: number;
  log: (line: string) => void;
}): Promise<StripeForStack> {
  if (options.environment.STRIPE_SECRET_KEY) {
    const url = options.environment.STRIPE_API_URL || STRIPE_PRODUCTION_URLS.STRIPE_API_URL;
    return { env: {}, url, local: false, stop: async () => {} };
  }
  const stripe = await startStripeStandIn({
    port: options.port,
    webhookUrl: `http://127.0.0.1:${options.backendPort}/v1/webhooks/stripe`,
    log: (message, details) => options.log(`${message} ${JSON.stringify(details ?? {})}`),
  });
  return { env: { ...stripeStandInEnv(stripe) }, url: stripe.url, local: true, stop: stripe.stop };
}
