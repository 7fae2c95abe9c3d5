import { type StripeStandIn, startStripeStandIn, stripeStandInEnv } from "@boon/scripts/stand-ins";
import { startTestApp, type TestApp } from "./index.ts";

export type MoneyTestApp = TestApp & { stripeStandIn: StripeStandIn };

/**
 * A test app that reaches a fresh local Stripe through configuration (STRIPE_API_URL and its keys),
 * as in `npm start`; the stand-in posts its webhooks back to the app.
 */
export async function startMoneyTestApp(env: Record<string, string> = {}): Promise<MoneyTestApp> {
  const stripeStandIn = await startStripeStandIn();
  try {
    const app = await startTestApp({ env: { ...stripeStandInEnv(stripeStandIn), ...env } });
    stripeStandIn.setWebhookUrl(`${app.baseUrl}/v1/webhooks/stripe`);
    return {
      ...app,
      stripeStandIn,
      close: async () => {
        await stripeStandIn.stop();
        await app.close();
      },
    };
  } catch (error) {
    await stripeStandIn.stop();
    throw error;
  }
}
