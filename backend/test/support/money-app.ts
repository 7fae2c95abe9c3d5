import { DEV_STRIPE_WEBHOOK_SECRET, loadConfig } from "../../src/config.ts";
import { createStripeClient } from "../../src/purchases/stripe-client.ts";
import { type StripeLocal, startStripeLocal } from "../../src/stripe-local/server.ts";
import { startTestApp, TEST_ENV, type TestApp } from "./index.ts";

export type MoneyTestApp = TestApp & { stripeLocal: StripeLocal };

/** A test app whose official Stripe client talks to a fresh local stand-in, which posts webhooks back. */
export async function startMoneyTestApp(env: Record<string, string> = {}): Promise<MoneyTestApp> {
  const stripeLocal = await startStripeLocal({ webhookSecret: DEV_STRIPE_WEBHOOK_SECRET });
  try {
    const config = loadConfig({ ...TEST_ENV, ...env });
    const stripe = createStripeClient(config.stripe, {
      host: stripeLocal.host,
      port: stripeLocal.port,
    });
    const app = await startTestApp({ env, deps: { stripe } });
    stripeLocal.setWebhookUrl(`${app.baseUrl}/v1/webhooks/stripe`);
    return {
      ...app,
      stripeLocal,
      close: async () => {
        await stripeLocal.close();
        await app.close();
      },
    };
  } catch (error) {
    await stripeLocal.close();
    throw error;
  }
}
