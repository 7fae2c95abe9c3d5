import type Stripe from "stripe";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { unavailable } from "../errors.ts";
import { applyIdentityEvent } from "../kyc/kyc.service.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import {
  type AfterCommit,
  applyChargeRefunded,
  applyCheckoutSession,
  applyDispute,
  PurchaseNotFoundYet,
  refundOverLimit,
} from "../purchases/settlement.service.ts";
import type { ParsedStripeEvent } from "./stripe-event.ts";
import { recordStripeEvent } from "./stripe-events.repository.ts";

export type StripeWebhookDeps = {
  pool: Pool;
  ledger: LedgerService;
  stripe: Stripe;
  logger: Logger;
};

/** Error code when an event's purchase is not known yet: Stripe retries it later. */
export const NOT_FOUND_YET = "purchase_not_found_yet";

/**
 * Applies one verified Stripe event exactly once: its id is recorded in the same transaction as its
 * effects. Calls to Stripe that an event calls for (refunding an over-limit payment) run after
 * commit. Returns whether the event was a duplicate.
 */
export async function handleStripeEvent(
  deps: StripeWebhookDeps,
  parsed: ParsedStripeEvent,
): Promise<{ duplicate: boolean }> {
  let outcome: { duplicate: boolean; after: AfterCommit };
  try {
    outcome = await withTransaction(deps.pool, async (db) => {
      if (!(await recordStripeEvent(db, parsed.event))) return { duplicate: true, after: {} };
      return { duplicate: false, after: await dispatch(deps, db, parsed) };
    });
  } catch (error) {
    if (error instanceof PurchaseNotFoundYet) {
      throw unavailable(NOT_FOUND_YET, "The purchase for this event is not known yet; retry later");
    }
    throw error;
  }
  if (outcome.after.refundOverLimit) {
    // Stripe's charge.refunded webhook then books the refund itself.
    await refundOverLimit(deps, outcome.after.refundOverLimit);
  }
  return { duplicate: outcome.duplicate };
}

async function dispatch(
  deps: StripeWebhookDeps,
  db: PoolClient,
  parsed: ParsedStripeEvent,
): Promise<AfterCommit> {
  const { event } = parsed;
  const ctx = { db, ledger: deps.ledger, eventId: event.id };
  switch (parsed.kind) {
    case "checkout.session":
      return applyCheckoutSession(ctx, event.type, parsed.object);
    case "charge":
      await applyChargeRefunded(ctx, parsed.object);
      return {};
    case "dispute":
      await applyDispute(ctx, parsed.object);
      return {};
    case "identity.verification_session":
      await applyIdentityEvent(db, event.type, parsed.object, event.id);
      return {};
    case "other":
      return {};
  }
}
