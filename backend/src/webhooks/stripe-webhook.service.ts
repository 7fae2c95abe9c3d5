import type Stripe from "stripe";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { DomainError, unavailable } from "../errors.ts";
import { applyIdentityEvent } from "../kyc/kyc.service.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import {
  type AfterCommit,
  applyChargeRefunded,
  applyCheckoutSession,
  applyDispute,
  refundOverLimit,
} from "../purchases/settlement.service.ts";
import { EARLY_EVENT_WINDOW_SECONDS, isEarly, ownerOf } from "./event-owner.ts";
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

/** processed: applied now; duplicate: applied before; ignored: not Boon's (acknowledged). */
export type WebhookOutcome = "processed" | "duplicate" | "ignored";

/**
 * Applies one verified Stripe event exactly once: its id is recorded in the same transaction as its
 * effects. An event that is not Boon's changes nothing and is acknowledged; one for a Boon id not
 * known yet asks Stripe to retry while its object is young (event-owner.ts). Calls to Stripe that
 * an event calls for (refunding an over-limit payment) run after commit.
 */
export async function handleStripeEvent(
  deps: StripeWebhookDeps,
  parsed: ParsedStripeEvent,
): Promise<WebhookOutcome> {
  const owner = await ownerOf(deps.stripe, parsed);
  if (owner && !owner.boon) return ignore(deps, parsed, owner.reason);
  let outcome: { duplicate: boolean; after: AfterCommit };
  try {
    outcome = await withTransaction(deps.pool, async (db) => {
      if (!(await recordStripeEvent(db, parsed.event))) return { duplicate: true, after: {} };
      return { duplicate: false, after: await dispatch(deps, db, parsed, owner?.purchaseId) };
    });
  } catch (error) {
    if (!(error instanceof DomainError && error.kind === "not_found" && owner)) throw error;
    if (isEarly(owner)) {
      throw unavailable(NOT_FOUND_YET, "The purchase for this event is not known yet; retry later");
    }
    return ignore(
      deps,
      parsed,
      `${error.message}, ${EARLY_EVENT_WINDOW_SECONDS} s after the object was created`,
    );
  }
  if (outcome.after.refundOverLimit) {
    // Stripe's charge.refunded webhook then books the refund itself.
    await refundOverLimit(deps, outcome.after.refundOverLimit);
  }
  return outcome.duplicate ? "duplicate" : "processed";
}

function ignore(deps: StripeWebhookDeps, parsed: ParsedStripeEvent, reason: string): "ignored" {
  deps.logger.warn(
    { stripeEventId: parsed.event.id, type: parsed.event.type, reason },
    "Stripe event is not Boon's: acknowledged and ignored",
  );
  return "ignored";
}

async function dispatch(
  deps: StripeWebhookDeps,
  db: PoolClient,
  parsed: ParsedStripeEvent,
  purchaseId: string | undefined,
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
      await applyDispute(ctx, parsed.object, purchaseId);
      return {};
    case "identity.verification_session":
      await applyIdentityEvent(db, event.type, parsed.object, event.id);
      return {};
    case "other":
      return {};
  }
}
