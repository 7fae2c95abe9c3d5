import type Stripe from "stripe";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { DomainError, invalid } from "../errors.ts";
import { type Api, failure, type Operation } from "../http/operations.ts";
import { type ParsedStripeEvent, parseStripeEvent } from "./stripe-event.ts";
import { handleStripeEvent, NOT_FOUND_YET } from "./stripe-webhook.service.ts";

const WEBHOOK_BODY_LIMIT = 512 * 1024;

/**
 * POST /v1/webhooks/stripe. The body stays raw: the signature covers the exact bytes. Stripe
 * delivers from a few addresses in bursts and every request is authenticated by its signature, so
 * the per-IP limit does not apply.
 */
const webhookOp = {
  method: "post",
  path: "/v1/webhooks/stripe",
  tags: ["webhooks"],
  summary: "Stripe webhook endpoint (signed with Stripe-Signature; raw JSON body)",
  auth: "public",
  rateLimit: "exempt",
  request: {
    body: {
      raw: true,
      limit: WEBHOOK_BODY_LIMIT,
      description: "The event exactly as Stripe sent it",
    },
  },
  responses: {
    200: {
      description: "Processed, already processed, or not Boon's (acknowledged and ignored)",
      schema: z.object({ received: z.boolean(), duplicate: z.boolean(), ignored: z.boolean() }),
    },
    503: failure("The purchase is not known yet (`purchase_not_found_yet`); Stripe retries"),
  },
} satisfies Operation;

/** Verifies Stripe's signature over the exact raw body; a stale timestamp is its own error. */
function verify(
  deps: AppDeps,
  body: unknown,
  signature: string | string[] | undefined,
): Stripe.Event {
  if (typeof signature !== "string" || signature === "") {
    throw invalid("missing_signature", "The Stripe-Signature header is required");
  }
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw invalid("invalid_payload", "The webhook body is empty");
  const { webhookSecret, webhookToleranceSeconds } = deps.config.stripe;
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(
      body,
      signature,
      webhookSecret,
      webhookToleranceSeconds,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/tolerance/i.test(message)) {
      throw invalid("stale_event", "The webhook timestamp is outside the accepted tolerance");
    }
    throw invalid("invalid_signature", "The Stripe-Signature does not match the payload");
  }
  // The library checks only the age; a signature dated far ahead (a replay kept for later, a
  // skewed signer) is refused by the same tolerance. `t` is covered by the verified signature.
  const signedAt = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(signature)?.[1]);
  if (signedAt - Date.now() / 1000 > webhookToleranceSeconds) {
    throw invalid("event_in_future", "The webhook timestamp is ahead of the accepted tolerance");
  }
  return event;
}

/**
 * Verifies, parses and hands off; the event id is stored in the same transaction as its effects,
 * so a duplicate (even a concurrent one, which waits on the id's unique index) changes nothing.
 */
export function stripeWebhookRoutes(api: Api, deps: AppDeps): void {
  api.route(webhookOp, async ({ body }, req, res) => {
    let parsed: ParsedStripeEvent;
    try {
      parsed = parseStripeEvent(verify(deps, body, req.headers["stripe-signature"]));
    } catch (error) {
      deps.metrics.webhookEvents.inc({ type: "unknown", outcome: "rejected" });
      throw error;
    }
    const { event } = parsed;
    deps.metrics.webhookLag.observe(
      { type: event.type },
      Math.max(0, Date.now() / 1000 - event.created),
    );
    let outcome: Awaited<ReturnType<typeof handleStripeEvent>>;
    try {
      outcome = await handleStripeEvent(deps, parsed);
    } catch (error) {
      if (error instanceof DomainError && error.code === NOT_FOUND_YET) {
        deps.metrics.webhookEvents.inc({ type: event.type, outcome: "retry" });
      }
      throw error;
    }
    deps.metrics.webhookEvents.inc({ type: event.type, outcome });
    res.json({
      received: true,
      duplicate: outcome === "duplicate",
      ignored: outcome === "ignored",
    });
  });
}
