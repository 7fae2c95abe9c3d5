import type Stripe from "stripe";
import { recordAudit } from "../audit/audit.repository.ts";
import type { MoneyConfig } from "../config.ts";
import type { Pool, PoolClient, Queryable } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { conflict, notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { providerDown } from "../purchases/purchases.service.ts";
import type { VerificationSessionObject } from "../webhooks/stripe-event.ts";
import {
  getUserLimit,
  insertVerification,
  lockUserLimit,
  lockVerificationBySession,
  reservationsInWindow,
  setTier,
  updateVerificationStatus,
  type Verification,
} from "./kyc.repository.ts";
import { higherTier, limitView, type Tier, tierRank } from "./tiers.ts";

/** GET /v1/me/limits: tier, used, remaining and when capacity frees up. */
export async function limitsFor(db: Queryable, money: MoneyConfig, userId: string) {
  const limit = await getUserLimit(db, userId);
  const reservations = await reservationsInWindow(db, userId);
  const view = limitView(limit.tier, reservations, new Date());
  // Open checkouts: capacity held for a payment not made yet, released when they expire.
  const open = reservations.filter((r) => r.heldUntil);
  return {
    tier: view.tier,
    restricted: limit.restricted,
    windowHours: 24,
    limitCents: view.limitCents,
    usedCents: view.usedCents,
    remainingCents: view.remainingCents,
    nextReleaseAt: view.nextReleaseAt?.toISOString() ?? null,
    fullyAvailableAt: view.fullyAvailableAt?.toISOString() ?? null,
    reservedCents: open.reduce((sum, r) => sum + r.amountCents, 0),
    reservations: open.map((r) => ({
      purchaseId: r.purchaseId as string,
      amountCents: r.amountCents,
      reservedUntil: (r.heldUntil as Date).toISOString(),
    })),
    withdrawalHoldHours: money.holdHours[view.tier],
  };
}

export function verificationView(v: Verification) {
  return {
    id: v.id,
    targetTier: v.targetTier,
    status: v.status,
    url: v.status === "requires_input" ? v.url : null,
    createdAt: v.createdAt.toISOString(),
  };
}

/** Starts a Stripe Identity verification that upgrades the user to `targetTier` once verified. */
export async function startVerification(
  deps: { pool: Pool; stripe: Stripe; money: MoneyConfig },
  req: { userId: string; targetTier: Exclude<Tier, "BASIC">; requestId?: string },
) {
  return withTransaction(deps.pool, async (db) => {
    const limit = await lockUserLimit(db, req.userId);
    if (tierRank(limit.tier) >= tierRank(req.targetTier)) {
      throw conflict("tier_already_reached", `Your tier is already ${limit.tier}`);
    }
    const session = await deps.stripe.identity.verificationSessions
      .create({
        type: "document",
        client_reference_id: req.userId,
        metadata: { user_id: req.userId, target_tier: req.targetTier },
        return_url: `${deps.money.returnUrlBase}/account/verification`,
      })
      .catch(providerDown);
    const verification = await insertVerification(db, {
      userId: req.userId,
      targetTier: req.targetTier,
      stripeSessionId: session.id,
      url: session.url ?? null,
    });
    await recordAudit(db, {
      actorUserId: req.userId,
      action: "kyc.verification_started",
      subjectType: "kyc_verification",
      subjectId: verification.id,
      details: { targetTier: req.targetTier, stripeSessionId: session.id },
      ...(req.requestId ? { requestId: req.requestId } : {}),
    });
    await appendEvent(db, {
      type: "kyc.verification_started",
      subject: { type: "kyc_verification", id: verification.id },
      userId: req.userId,
      payload: { verificationId: verification.id, targetTier: req.targetTier },
    });
    return verificationView(verification);
  });
}

const STATUS_BY_EVENT: Record<string, Verification["status"]> = {
  "identity.verification_session.verified": "verified",
  "identity.verification_session.requires_input": "requires_input",
  "identity.verification_session.processing": "processing",
  "identity.verification_session.canceled": "canceled",
};

/** identity.verification_session.* events: a verified session upgrades the tier (never downgrades). */
export async function applyIdentityEvent(
  db: PoolClient,
  type: string,
  session: VerificationSessionObject,
  eventId: string,
): Promise<void> {
  const status = STATUS_BY_EVENT[type];
  const verification = await lockVerificationBySession(db, session.id);
  if (!verification)
    throw notFound("verification_not_found", `No verification for session ${session.id}`);
  if (!status || verification.status === "verified") return; // verified is final
  await updateVerificationStatus(db, verification.id, status);
  if (status !== "verified") return;
  const limit = await lockUserLimit(db, verification.userId);
  const tier = higherTier(limit.tier, verification.targetTier);
  await setTier(db, verification.userId, tier);
  await recordAudit(db, {
    actorUserId: null,
    action: "kyc.tier_upgraded",
    subjectType: "user",
    subjectId: verification.userId,
    details: {
      from: limit.tier,
      to: tier,
      verificationId: verification.id,
      stripeEventId: eventId,
    },
  });
  if (tier !== limit.tier) {
    await appendEvent(db, {
      type: "kyc.tier_changed",
      subject: { type: "user", id: verification.userId },
      userId: verification.userId,
      payload: { from: limit.tier, to: tier, verificationId: verification.id },
    });
  }
}
