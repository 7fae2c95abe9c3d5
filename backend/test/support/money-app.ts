import { type StripeStandIn, startStripeStandIn, stripeStandInEnv } from "@boon/scripts/stand-ins";
import { startBeside, startTestApp, type TestApp, useStarted } from "./app.ts";
import { api } from "./index.ts";

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

/** Creates a purchase over HTTP and returns its id and Stripe session id (still open). */
export async function startPurchase(
  app: MoneyTestApp,
  headers: Record<string, string>,
  amountCents: number,
): Promise<{ id: string; sessionId: string }> {
  const created = await api<{ id: string }>(app, "POST", "/v1/purchases", {
    body: { amountCents },
    headers: { ...headers, "idempotency-key": `purchase-${crypto.randomUUID()}` },
  });
  if (created.status !== 201) throw new Error(`purchase refused: ${JSON.stringify(created.body)}`);
  const { rows } = await app.pool.query<{ stripe_session_id: string }>(
    "SELECT stripe_session_id FROM purchases WHERE id = $1",
    [created.body.id],
  );
  return {
    id: created.body.id,
    sessionId: (rows[0] as { stripe_session_id: string }).stripe_session_id,
  };
}

/** A purchase paid on the hosted page (its webhooks delivered); returns ids and payment intent. */
export async function paidPurchase(
  app: MoneyTestApp,
  headers: Record<string, string>,
  amountCents: number,
): Promise<{ id: string; sessionId: string; paymentIntent: string }> {
  const started = await startPurchase(app, headers, amountCents);
  const session = await app.stripeStandIn.pay(started.sessionId);
  return { ...started, paymentIntent: session.payment_intent as string };
}
