import { startStripeStandIn, stripeStandInEnv } from "@boon/scripts/stand-ins";

/**
 * Development only: with no STRIPE_SECRET_KEY, starts the local Stripe on STRIPE_LOCAL_PORT (4010),
 * posting its webhooks to this backend, and points the backend at it through the STRIPE_* keys.
 * Returns how to stop it.
 */
export async function provideDevStripe(): Promise<() => Promise<void>> {
  if (process.env.STRIPE_SECRET_KEY) return async () => {};
  const port = Number(process.env.STRIPE_LOCAL_PORT || 4010);
  const backendPort = Number(process.env.PORT || 4000);
  const stripe = await startStripeStandIn({
    port,
    webhookUrl: `http://127.0.0.1:${backendPort}/v1/webhooks/stripe`,
  });
  Object.assign(process.env, stripeStandInEnv(stripe));
  process.stderr.write(`STRIPE_SECRET_KEY not set; the local Stripe runs at ${stripe.url}\n`);
  return stripe.stop;
}
