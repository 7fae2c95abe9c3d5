import express, { Router } from "express";
import type Stripe from "stripe";
import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { DomainError, invalid } from "../errors.ts";
import { errorResponses, jsonResponse, openApiRegistry } from "../http/openapi.ts";
import { type ParsedStripeEvent, parseStripeEvent } from "./stripe-event.ts";
import { handleStripeEvent, NOT_FOUND_YET } from "./stripe-webhook.service.ts";

const WEBHOOK_BODY_LIMIT = 512 * 1024;

openApiRegistry.registerPath({
  method: "post",
  path: "/v1/webhooks/stripe",
  summary: "Stripe webhook endpoint (signed with Stripe-Signature; raw JSON body)",
  responses: {
    200: jsonResponse(
      "Processed, already processed, or not Boon's (acknowledged and ignored)",
      z.object({ received: z.boolean(), duplicate: z.boolean(), ignored: z.boolean() }),
    ),
    ...errorResponses(400, 413, 503),
  },
});

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
 * POST /v1/webhooks/stripe. Mounted before the JSON parser: the signature covers the raw bytes.
 * The event id is stored in the same transaction as the event's effects, so a duplicate (even a
 * concurrent one, which waits on the id's unique index) changes nothing.
 */
export function stripeWebhookRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post(
    "/v1/webhooks/stripe",
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      let parsed: ParsedStripeEvent;
      try {
        parsed = parseStripeEvent(verify(deps, req.body, req.headers["stripe-signature"]));
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
    },
  );
  return router;
}
