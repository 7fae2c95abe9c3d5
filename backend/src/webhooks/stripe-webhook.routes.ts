import express, { Router } from "express";
import type Stripe from "stripe";
import { z } from "zod";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { invalid, unavailable } from "../errors.ts";
import { errorResponses, jsonResponse, openApiRegistry } from "../http/openapi.ts";
import { applyIdentityEvent } from "../kyc/kyc.service.ts";
import {
  type AfterCommit,
  applyChargeRefunded,
  applyCheckoutSession,
  applyDispute,
  PurchaseNotFoundYet,
} from "../purchases/settlement.service.ts";

const WEBHOOK_BODY_LIMIT = 512 * 1024;

openApiRegistry.registerPath({
  method: "post",
  path: "/v1/webhooks/stripe",
  summary: "Stripe webhook endpoint (signed with Stripe-Signature; raw JSON body)",
  responses: {
    200: jsonResponse(
      "Processed or already processed",
      z.object({ received: z.boolean(), duplicate: z.boolean() }),
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
  try {
    return deps.stripe.webhooks.constructEvent(
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
}

async function dispatch(
  deps: AppDeps,
  db: Parameters<Parameters<typeof withTransaction>[1]>[0],
  event: Stripe.Event,
): Promise<AfterCommit> {
  const ctx = { db, ledger: deps.ledger, eventId: event.id };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return applyCheckoutSession(ctx, event.type, event.data.object);
    case "charge.refunded":
      await applyChargeRefunded(ctx, event.data.object);
      return {};
    case "charge.dispute.created":
    case "charge.dispute.updated":
    case "charge.dispute.closed":
      await applyDispute(ctx, event.data.object);
      return {};
    case "identity.verification_session.verified":
    case "identity.verification_session.requires_input":
    case "identity.verification_session.processing":
    case "identity.verification_session.canceled":
      await applyIdentityEvent(db, event.type, event.data.object, event.id);
      return {};
    default:
      return {};
  }
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
      let event: Stripe.Event;
      try {
        event = verify(deps, req.body, req.headers["stripe-signature"]);
      } catch (error) {
        deps.metrics.webhookEvents.inc({ type: "unknown", outcome: "rejected" });
        throw error;
      }
      deps.metrics.webhookLag.observe(
        { type: event.type },
        Math.max(0, Date.now() / 1000 - event.created),
      );
      let outcome: { duplicate: boolean; after: AfterCommit };
      try {
        outcome = await withTransaction(deps.pool, async (db) => {
          const inserted = await db.query(
            `INSERT INTO stripe_events (id, type, stripe_created_at) VALUES ($1, $2, to_timestamp($3))
             ON CONFLICT (id) DO NOTHING RETURNING id`,
            [event.id, event.type, event.created],
          );
          if (inserted.rowCount === 0) return { duplicate: true, after: {} };
          return { duplicate: false, after: await dispatch(deps, db, event) };
        });
      } catch (error) {
        if (error instanceof PurchaseNotFoundYet) {
          deps.metrics.webhookEvents.inc({ type: event.type, outcome: "retry" });
          throw unavailable(
            "purchase_not_found_yet",
            "The purchase for this event is not known yet; retry later",
          );
        }
        throw error;
      }
      deps.metrics.webhookEvents.inc({
        type: event.type,
        outcome: outcome.duplicate ? "duplicate" : "processed",
      });
      const refund = outcome.after.refundOverLimit;
      if (refund) {
        // Outside the transaction: Stripe's charge.refunded webhook then books the refund itself.
        await deps.stripe.refunds
          .create(
            {
              payment_intent: refund.paymentIntentId,
              metadata: { purchase_id: refund.purchaseId, reason: "kyc_limit" },
            },
            { idempotencyKey: `boon-over-limit-${refund.purchaseId}` },
          )
          .catch((error: unknown) =>
            (req.log ?? deps.logger).error(
              { err: error, purchaseId: refund.purchaseId },
              "over-limit refund failed; refund it manually in Stripe (refunds_payable holds it)",
            ),
          );
      }
      res.json({ received: true, duplicate: outcome.duplicate });
    },
  );
  return router;
}
