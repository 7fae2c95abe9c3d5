import Stripe from "stripe";
import { recordAudit } from "../audit/audit.repository.ts";
import type { MoneyConfig } from "../config.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { limitExceeded, notAllowed, notFound, unavailable } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { withIdempotency } from "../idempotency/idempotency.ts";
import { lockUserLimit, reservationsInWindow } from "../kyc/kyc.repository.ts";
import { limitView } from "../kyc/tiers.ts";
import { BOON_DECIMALS, creditsForCents } from "../ledger/amounts.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import { checkoutSessionSchema } from "../webhooks/stripe-event.ts";
import {
  findPurchaseForUser,
  insertPurchase,
  type Purchase,
  setCheckoutSession,
} from "./purchases.repository.ts";
import { applyCheckoutSession } from "./settlement.service.ts";

export type PurchaseDeps = {
  pool: Pool;
  stripe: Stripe;
  ledger: LedgerService;
  money: MoneyConfig;
};

/** Until when an open purchase holds KYC capacity: its checkout's expiry, while that is ahead. */
function reservedUntil(p: Purchase, now = new Date()): Date | null {
  if (p.status !== "open" || !p.checkoutExpiresAt) return null;
  return p.checkoutExpiresAt > now ? p.checkoutExpiresAt : null;
}

/** The public JSON view of a purchase (amounts as strings: credits exceed 2^53). */
export function purchaseView(p: Purchase) {
  return {
    id: p.id,
    status: p.status,
    amountCents: p.amountCents,
    priceCentsPerBoon: p.priceCentsPerBoon,
    credits: p.credits.toString(),
    decimals: BOON_DECIMALS,
    refundedCents: p.refundedCents,
    checkoutUrl: p.status === "open" ? p.checkoutUrl : null,
    reservedUntil: reservedUntil(p)?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
  };
}
export type PurchaseView = ReturnType<typeof purchaseView>;

type PurchaseRequest = {
  userId: string;
  amountCents: number;
  idempotencyKey: string;
  requestHash: string;
  requestId?: string;
};

/**
 * Creates a purchase and its Stripe Checkout Session, once per Idempotency-Key. Under the user's
 * limit lock it checks the rolling 24 h KYC limit and reserves the amount (the purchase row itself
 * is the reservation), so parallel requests can never pass the limit together.
 */
export async function createPurchase(
  deps: PurchaseDeps,
  req: PurchaseRequest,
): Promise<{ answer: PurchaseView; replayed: boolean }> {
  const ref = {
    userId: req.userId,
    scope: "POST /v1/purchases",
    key: req.idempotencyKey,
    requestHash: req.requestHash,
  };
  return withIdempotency(deps.pool, ref, async (db) => {
    await checkLimit(db, req.userId, req.amountCents);
    const credits = creditsForCents(BigInt(req.amountCents), BigInt(deps.money.boonPriceCents));
    await deps.ledger.openUserAccount(db, req.userId);
    const purchase = await insertPurchase(db, {
      userId: req.userId,
      amountCents: req.amountCents,
      priceCentsPerBoon: deps.money.boonPriceCents,
      credits,
    });
    const session = await createCheckoutSession(deps, purchase);
    const saved = await setCheckoutSession(db, purchase.id, {
      id: session.id,
      url: session.url ?? null,
      expiresAt: new Date(session.expires_at * 1000),
    });
    await recordCreated(db, req, saved, session.id);
    return purchaseView(saved);
  });
}

/** The user's limit lock, then the refusals: a restricted account, an amount over the window. */
async function checkLimit(db: PoolClient, userId: string, amountCents: number): Promise<void> {
  const limit = await lockUserLimit(db, userId);
  if (limit.restricted) {
    throw notAllowed(
      "account_restricted",
      "Card purchases are disabled on this account; contact support",
    );
  }
  const view = limitView(limit.tier, await reservationsInWindow(db, userId), new Date());
  if (amountCents > view.remainingCents) {
    throw limitExceeded(
      "kyc_limit_exceeded",
      `This purchase exceeds your ${limit.tier} limit for the last 24 hours`,
      {
        tier: limit.tier,
        limitCents: view.limitCents,
        usedCents: view.usedCents,
        remainingCents: view.remainingCents,
        nextReleaseAt: view.nextReleaseAt?.toISOString() ?? null,
      },
    );
  }
}

/** Stripe's shortest Checkout Session, and a margin for the clocks of Boon and Stripe to differ. */
const STRIPE_MIN_LIFETIME_SECONDS = 30 * 60;
const CLOCK_MARGIN_SECONDS = 60;

/**
 * When a new checkout expires: short, so an abandoned or declined checkout gives its capacity back
 * soon, but never under Stripe's minimum as Stripe's clock sees it.
 */
function checkoutExpiry(money: MoneyConfig): number {
  const lifetime = Math.max(
    money.checkoutLifetimeSeconds,
    STRIPE_MIN_LIFETIME_SECONDS + CLOCK_MARGIN_SECONDS,
  );
  return Math.floor(Date.now() / 1000) + lifetime;
}

/** The Checkout Session for a purchase, keyed by its id (a client retry returns the same one). */
async function createCheckoutSession(deps: PurchaseDeps, purchase: Purchase) {
  const { credits } = purchase;
  const boon = `${credits / 10n ** 18n}${credits % 10n ** 18n === 0n ? "" : "+"}`;
  const returnBase = deps.money.returnUrlBase;
  const metadata = { purchase_id: purchase.id, user_id: purchase.userId };
  return deps.stripe.checkout.sessions
    .create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: "usd",
              unit_amount: purchase.amountCents,
              product_data: { name: `${boon} BOON credits` },
            },
          },
        ],
        client_reference_id: purchase.id,
        metadata,
        expires_at: checkoutExpiry(deps.money),
        payment_intent_data: { metadata },
        success_url: `${returnBase}/buy/success?purchase=${purchase.id}&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${returnBase}/buy/cancelled?purchase=${purchase.id}`,
      },
      { idempotencyKey: `boon-purchase-${purchase.id}` },
    )
    .catch(providerDown);
}

async function recordCreated(
  db: PoolClient,
  req: PurchaseRequest,
  purchase: Purchase,
  stripeSessionId: string,
): Promise<void> {
  const facts = { amountCents: purchase.amountCents, credits: purchase.credits.toString() };
  await recordAudit(db, {
    actorUserId: req.userId,
    action: "purchase.created",
    subjectType: "purchase",
    subjectId: purchase.id,
    details: { ...facts, stripeSessionId },
    ...(req.requestId ? { requestId: req.requestId } : {}),
  });
  await appendEvent(db, {
    type: "purchase.created",
    subject: { type: "purchase", id: purchase.id },
    userId: req.userId,
    payload: facts,
  });
}

/**
 * The buyer left the checkout (the dApp's cancel page calls this): the session is expired at
 * Stripe, and its expiry recorded at once as Stripe's webhook would record it, so the KYC capacity
 * it held is free now rather than when the session would have expired. A purchase no longer open
 * (paid, failed, expired) is answered as it is: cancelling is idempotent, and a payment that won
 * the race stands.
 */
export async function cancelPurchase(
  deps: Pick<PurchaseDeps, "pool" | "stripe" | "ledger">,
  userId: string,
  id: string,
): Promise<PurchaseView> {
  const purchase = await findPurchaseForUser(deps.pool, id, userId);
  if (!purchase) throw notFound("purchase_not_found", "No such purchase");
  if (purchase.status !== "open" || !purchase.stripeSessionId) return purchaseView(purchase);
  const session = await expireAtStripe(deps.stripe, purchase.stripeSessionId);
  if (session.status === "expired") {
    const expired = checkoutSessionSchema.safeParse(session);
    if (!expired.success) providerDown(expired.error);
    await withTransaction(deps.pool, (db) =>
      applyCheckoutSession(
        { db, ledger: deps.ledger, actorUserId: userId },
        "checkout.session.expired",
        expired.data,
      ),
    );
  }
  return getPurchase(deps.pool, userId, id);
}

/** Expires a session; one already complete or expired is returned as Stripe has it. */
async function expireAtStripe(stripe: Stripe, sessionId: string) {
  try {
    return await stripe.checkout.sessions.expire(sessionId);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) providerDown(error);
    return stripe.checkout.sessions.retrieve(sessionId).catch(providerDown);
  }
}

/** A Stripe outage or API error is a 503 to the client; the transaction (and reservation) rolls back. */
export function providerDown(error: unknown): never {
  throw unavailable(
    "payment_provider_unavailable",
    "The payment provider is unavailable; try again shortly",
    {
      reason: error instanceof Error ? error.message : String(error),
    },
  );
}

export async function getPurchase(pool: Pool, userId: string, id: string): Promise<PurchaseView> {
  const purchase = await findPurchaseForUser(pool, id, userId);
  // Another user's purchase is indistinguishable from a missing one.
  if (!purchase) throw notFound("purchase_not_found", "No such purchase");
  return purchaseView(purchase);
}
