// Through the package entry point, as the backend and `npm start` import it.
import {
  STRIPE_DEV_SECRET_KEY,
  STRIPE_DEV_WEBHOOK_SECRET,
  STRIPE_PRODUCTION_URLS,
  type StripeStandIn,
  startStripeStandIn,
  stripeStandInEnv,
} from "@boon/scripts/stand-ins";
import Stripe from "stripe";
import { afterEach, expect, it } from "vitest";

let stripe: StripeStandIn | undefined;
afterEach(() => stripe?.stop());

it("needs nothing but the STRIPE_* keys: the official client reaches it from STRIPE_API_URL", async () => {
  stripe = await startStripeStandIn();
  const env = stripeStandInEnv(stripe);
  expect(env).toEqual({
    STRIPE_API_URL: stripe.url,
    STRIPE_SECRET_KEY: STRIPE_DEV_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: STRIPE_DEV_WEBHOOK_SECRET,
  });
  expect(new URL(STRIPE_PRODUCTION_URLS.STRIPE_API_URL).protocol).toBe("https:");
  const api = new URL(env.STRIPE_API_URL);
  const client = new Stripe(env.STRIPE_SECRET_KEY, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
  });
  const session = await client.identity.verificationSessions.create({ type: "document" });
  expect(session.url).toBe(`${env.STRIPE_API_URL}/identity/${session.id}`);
});
