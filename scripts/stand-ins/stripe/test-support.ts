// Drives the local Stripe the way Boon does: the official `stripe` client pointed at it, and a
// webhook endpoint that verifies every delivery with the official library.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterEach, beforeEach } from "vitest";
import { type StripeStandIn, startStripeStandIn } from "./server.ts";

/** The official client, configured from the stand-in's URL alone (as Boon configures it). */
export function stripeClient(stripe: StripeStandIn, key = stripe.secretKey): Stripe {
  const url = new URL(stripe.url);
  return new Stripe(key, {
    host: url.hostname,
    port: Number(url.port),
    protocol: url.protocol === "https:" ? "https" : "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

export type WebhookReceiver = {
  url: string;
  /** Verified events, in arrival order. */
  events: Stripe.Event[];
  /** The status the next deliveries get (200 by default). */
  answer(status: number): void;
  /** Resolves once `count` events have been verified. */
  waitFor(count: number): Promise<Stripe.Event[]>;
  stop(): Promise<void>;
};

/** A webhook endpoint that accepts only correctly signed deliveries (400 otherwise). */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const events: Stripe.Event[] = [];
  let status = 200;
  const verifier = new Stripe("sk_test_unused");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const signature = req.headers["stripe-signature"] as string;
        const event = verifier.webhooks.constructEvent(Buffer.concat(chunks), signature, secret);
        if (status >= 200 && status < 300) events.push(event);
        res.writeHead(status).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    events,
    answer: (next) => {
      status = next;
    },
    async waitFor(count) {
      const deadline = Date.now() + 10_000;
      while (events.length < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      return events;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Presses a button of a hosted page (what the browser's form post does); the redirect target. */
export async function pressButton(pageUrl: string, action: string) {
  const response = await fetch(`${pageUrl}/${action}`, { method: "POST", redirect: "manual" });
  return {
    status: response.status,
    location: response.headers.get("location"),
    body: await response.text(),
  };
}

/** A minimal Checkout Session as Boon creates it. */
export function sessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 2500,
          product_data: { name: "250 BOON credits" },
        },
      },
    ],
    metadata: { purchase_id: "p-1" },
    payment_intent_data: { metadata: { purchase_id: "p-1" } },
    success_url: "http://127.0.0.1:5173/buy/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1:5173/buy/cancelled",
    ...overrides,
  };
}

export type Harness = { stripe: StripeStandIn; hooks: WebhookReceiver; client: Stripe };

/** A fresh stand-in per test, its webhooks going to a verifying receiver, and the official client. */
export function useStandIn(): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    harness.stripe = await startStripeStandIn();
    harness.hooks = await startWebhookReceiver(harness.stripe.webhookSecret);
    harness.stripe.setWebhookUrl(harness.hooks.url);
    harness.client = stripeClient(harness.stripe);
  });
  afterEach(async () => {
    await harness.stripe.stop();
    await harness.hooks.stop();
  });
  return harness;
}
