import { type StripeStandIn, startStripeStandIn, stripeStandInEnv } from "@boon/scripts/stand-ins";
import { startBeside, startTestApp, type TestApp, useStarted } from "./app.ts";

export type MoneyTestApp = TestApp & { stripeStandIn: StripeStandIn };

/**
 * A test app that reaches a fresh local Stripe through configuration (STRIPE_API_URL and its keys),
 * as in `npm start`; the stand-in posts its webhooks back to the app.
 */
export async function startMoneyTestApp(env: Record<string, string> = {}): Promise<MoneyTestApp> {
  const stripeStandIn = await startStripeStandIn();
  const app = await startBeside(stripeStandIn, async () => {
    const app = await startTestApp({ env: { ...stripeStandInEnv(stripeStandIn), ...env } });
    stripeStandIn.setWebhookUrl(`${app.baseUrl}/v1/webhooks/stripe`);
    return app;
  });
  return { ...app, stripeStandIn };
}

/** A money test app for the calling test file (see useStarted). */
export function useMoneyTestApp(env: Record<string, string> = {}): MoneyTestApp {
  return useStarted(() => startMoneyTestApp(env));
}
