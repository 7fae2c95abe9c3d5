import type Stripe from "stripe";
import { recordAudit } from "../audit/audit.repository.ts";
import type { PoolClient } from "../db/pool.ts";
import { notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import type { EventPayload, EventType } from "../events/event-types.ts";
import { lockUserLimit, reservationsInWindow, restrictUser } from "../kyc/kyc.repository.ts";
import { limitView } from "../kyc/tiers.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import type {
  ChargeObject,
  CheckoutSessionObject,
  DisputeObject,
} from "../webhooks/stripe-event.ts";
import {
  type DisputeRow,
  lockDisputes,
  markDispute,
  upsertDispute,
} from "./disputes.repository.ts";
import {
  creditEntries,
  disputeOpenedEntries,
  disputeWonEntries,
  overLimitEntries,
  payableRefundEntries,
  planClawback,
  refundEntries,
} from "./purchase-journals.ts";
import { lockPurchase, type Purchase, updatePurchase } from "./purchases.repository.ts";

// Stripe events only record facts on the purchase (paid, refunded so far, disputes); `settle`
// then posts whatever journals those facts call for that are not posted yet, each under a unique
// key. Facts only move forward, so any order or repetition of events ends in the same ledger.

export type SettlementContext = {
  db: PoolClient;
  ledger: LedgerService;
  /** The Stripe event reporting the facts (audited); absent when Boon asked Stripe itself. */
  eventId?: string;
  /** Who caused it (audited): the buyer cancelling; none for Stripe's own events. */
  actorUserId?: string;
};

/** Work to do after the transaction commits (calls to Stripe must not run inside it). */
export type AfterCommit = { refundOverLimit?: { purchaseId: string; paymentIntentId: string } };

/** Refunds a payment that arrived over the KYC limit (after the transaction that booked it). */
export async function refundOverLimit(
  deps: { stripe: Stripe; logger: Logger },
  refund: NonNullable<AfterCommit["refundOverLimit"]>,
): Promise<void> {
  await deps.stripe.refunds
    .create(
      {
        payment_intent: refund.paymentIntentId,
        metadata: { purchase_id: refund.purchaseId, reason: "kyc_limit" },
      },
      { idempotencyKey: `boon-over-limit-${refund.purchaseId}` },
    )
    .catch((error: unknown) =>
      deps.logger.error(
        { err: error, purchaseId: refund.purchaseId },
        "over-limit refund failed; refund it manually in Stripe (refunds_payable holds it)",
      ),
    );
}

function event<T extends EventType>(
  ctx: SettlementContext,
  p: Purchase,
  type: T,
  payload: EventPayload<T>,
) {
  return appendEvent(ctx.db, {
    type,
    subject: { type: "purchase", id: p.id },
    userId: p.userId,
    payload,
  });
}

function audit(
  ctx: SettlementContext,
  p: Purchase,
  action: string,
  details: Record<string, unknown>,
) {
  return recordAudit(ctx.db, {
    actorUserId: ctx.actorUserId ?? null,
    action,
    subjectType: "purchase",
    subjectId: p.id,
    details: { ...details, ...(ctx.eventId ? { stripeEventId: ctx.eventId } : {}) },
  });
}

/** The purchase an event is about, locked; not found: the webhook retries or ignores it. */
async function findPurchase(
  ctx: SettlementContext,
  ref: Parameters<typeof lockPurchase>[1],
): Promise<Purchase> {
  const purchase = await lockPurchase(ctx.db, ref);
  if (!purchase) throw notFound("purchase_not_found", `No purchase for ${JSON.stringify(ref)}`);
  return purchase;
}

/** checkout.session.* events. */
export async function applyCheckoutSession(
  ctx: SettlementContext,
  type: string,
  session: CheckoutSessionObject,
): Promise<AfterCommit> {
  let p = await findPurchase(ctx, { id: session.metadata.purchase_id, sessionId: session.id });
  const pi = session.payment_intent;
  if (pi) p = await updatePurchase(ctx.db, p.id, { paymentIntentId: pi });
  const paid =
    (type === "checkout.session.completed" && session.payment_status === "paid") ||
    type === "checkout.session.async_payment_succeeded";
  let after: AfterCommit = {};
  if (paid) {
    after = await fulfil(ctx, p);
  } else if (type === "checkout.session.completed" && p.status === "open") {
    p = await updatePurchase(ctx.db, p.id, { status: "processing" });
    await audit(ctx, p, "purchase.processing", {});
    await event(ctx, p, "purchase.processing", {});
  } else if (
    type === "checkout.session.async_payment_failed" &&
    (p.status === "open" || p.status === "processing")
  ) {
    p = await updatePurchase(ctx.db, p.id, { status: "failed" });
    await audit(ctx, p, "purchase.failed", {});
    await event(ctx, p, "purchase.failed", { status: "failed" });
  } else if (type === "checkout.session.expired" && p.status === "open") {
    p = await updatePurchase(ctx.db, p.id, { status: "expired" });
    await audit(ctx, p, "purchase.expired", {});
    // Only the buyer's own cancel (purchases.service) runs with an actor; Stripe's webhook has none.
    await event(ctx, p, "purchase.failed", {
      status: "expired",
      ...(ctx.actorUserId ? { cancelled: true } : {}),
    });
  }
  await settle(ctx, p.id);
  return after;
}

/**
 * Payment confirmed. Re-checks the KYC limit under the user's lock (an expired reservation may have
 * been given to other purchases meanwhile): within it, the credits are posted; over it, the money
 * is booked as owed back and refunded after commit.
 */
async function fulfil(ctx: SettlementContext, p: Purchase): Promise<AfterCommit> {
  if (p.status === "paid" || p.status === "over_limit") return {};
  const limit = await lockUserLimit(ctx.db, p.userId);
  const others = limitView(
    limit.tier,
    await reservationsInWindow(ctx.db, p.userId, p.id),
    new Date(),
  );
  if (limit.restricted || p.amountCents > others.remainingCents) {
    const updated = await updatePurchase(ctx.db, p.id, { status: "over_limit" });
    await ctx.ledger.postJournal(ctx.db, {
      key: `purchase:${p.id}:over_limit`,
      kind: "purchase.over_limit",
      memo: "Card payment over the KYC limit; to be refunded",
      userId: p.userId,
      entries: overLimitEntries(BigInt(p.amountCents)),
    });
    await audit(ctx, updated, "purchase.over_limit", {
      restricted: limit.restricted,
      remainingCents: others.remainingCents,
    });
    await event(ctx, updated, "purchase.over_limit", { amountCents: p.amountCents });
    const pi = updated.stripePaymentIntentId;
    return pi ? { refundOverLimit: { purchaseId: p.id, paymentIntentId: pi } } : {};
  }
  const updated = await updatePurchase(ctx.db, p.id, { status: "paid", paid: true });
  await ctx.ledger.postJournal(ctx.db, {
    key: `purchase:${p.id}:credit`,
    kind: "purchase.credit",
    memo: `Card purchase of ${p.amountCents} cents`,
    userId: p.userId,
    entries: creditEntries(p.userId, BigInt(p.amountCents), p.credits),
  });
  await audit(ctx, updated, "purchase.paid", {
    amountCents: p.amountCents,
    credits: p.credits.toString(),
  });
  await event(ctx, updated, "purchase.settled", {
    amountCents: p.amountCents,
    credits: p.credits.toString(),
  });
  return {};
}

/** charge.refunded: Stripe reports the cumulative refunded amount; we only ever raise ours. */
export async function applyChargeRefunded(
  ctx: SettlementContext,
  charge: ChargeObject,
): Promise<void> {
  const p = await findPurchase(ctx, {
    id: charge.metadata.purchase_id,
    paymentIntentId: charge.payment_intent ?? undefined,
  });
  const refunded = Math.min(charge.amount_refunded, p.amountCents);
  if (refunded > p.refundedCents) await updatePurchase(ctx.db, p.id, { refundedCents: refunded });
  await settle(ctx, p.id);
}

/** charge.dispute.*: `purchaseId` from the disputed charge's metadata, when known. */
export async function applyDispute(
  ctx: SettlementContext,
  dispute: DisputeObject,
  purchaseId?: string,
): Promise<void> {
  const p = await findPurchase(ctx, {
    id: purchaseId,
    paymentIntentId: dispute.payment_intent ?? undefined,
  });
  await upsertDispute(ctx.db, {
    id: dispute.id,
    purchaseId: p.id,
    amountCents: dispute.amount,
    status: dispute.status,
    ...disputeFunds(dispute),
  });
  await settle(ctx, p.id);
}

/**
 * The money a dispute has moved, from its balance transactions: a withdrawal is negative, a
 * reinstatement positive (https://docs.stripe.com/api/disputes/object). An inquiry has none.
 */
export function disputeFunds(dispute: DisputeObject) {
  let withdrawnCents = 0;
  let reinstatedCents = 0;
  for (const transaction of dispute.balance_transactions) {
    if (!transaction) continue;
    if (transaction.amount < 0) withdrawnCents -= transaction.amount;
    else reinstatedCents += transaction.amount;
  }
  return { withdrawnCents, reinstatedCents };
}

/** Posts every journal the purchase's facts call for and that is not posted yet. */
export async function settle(ctx: SettlementContext, purchaseId: string): Promise<void> {
  let p = await findPurchase(ctx, { id: purchaseId });
  if (p.status !== "paid" && p.status !== "over_limit") return; // refunds/disputes wait for payment
  p = await settleRefund(ctx, p);
  // Only withdrawn funds move money: an inquiry (none withdrawn) books nothing, and a dispute whose
  // funds were already given back when Boon first learns of it books nothing either.
  for (const d of await lockDisputes(ctx.db, p.id)) {
    const withdrawn = d.withdrawnCents > d.reinstatedCents;
    if (!d.openedPosted && withdrawn) p = await settleDisputeOpened(ctx, p, d);
    else if (d.openedPosted && !d.wonPosted && d.reinstatedCents > 0)
      p = await settleDisputeWon(ctx, p, d);
  }
}

/** The credits a refund or dispute of `partCents` takes back (none if nothing was credited). */
async function clawbackFor(ctx: SettlementContext, p: Purchase, partCents: number) {
  // The user's limit lock first: spending (withdrawals, gifts) debits the balance under the same
  // lock, so the balance read here cannot shrink before this journal takes its part of it.
  // Lock order everywhere: purchase row, then the user's limit row, then ledger rows.
  await lockUserLimit(ctx.db, p.userId);
  return planClawback({
    credits: p.credits,
    creditsReversed: p.creditsReversed,
    amountCents: BigInt(p.amountCents),
    partCents: BigInt(partCents),
    spendable: await ctx.ledger.balance(ctx.db, p.userId),
  });
}

/** Money Stripe refunded since the last journal: back to the card, credits clawed back. */
async function settleRefund(ctx: SettlementContext, p: Purchase): Promise<Purchase> {
  const delta = p.refundedCents - p.refundPostedCents;
  if (delta <= 0) return p;
  const clawback = p.status === "paid" ? await clawbackFor(ctx, p, delta) : undefined;
  await ctx.ledger.postJournal(ctx.db, {
    key: `purchase:${p.id}:refund:${p.refundedCents}`,
    kind: "purchase.refund",
    memo: `Refund of ${delta} cents`,
    userId: p.userId,
    entries: clawback
      ? refundEntries(p.userId, BigInt(delta), clawback)
      : payableRefundEntries(BigInt(delta)),
  });
  const updated = await updatePurchase(ctx.db, p.id, {
    refundPostedCents: p.refundedCents,
    ...(clawback ? { creditsReversed: p.creditsReversed + clawback.credits } : {}),
  });
  const facts = {
    cents: delta,
    creditsFromUser: clawback?.fromUser.toString() ?? "0",
    creditsReceivable: clawback?.receivable.toString() ?? "0",
  };
  await audit(ctx, updated, "purchase.refunded", facts);
  await event(ctx, updated, "purchase.refunded", facts);
  return updated;
}

/** A new dispute: Stripe took the money; credits clawed back; the account restricted. */
async function settleDisputeOpened(
  ctx: SettlementContext,
  p: Purchase,
  d: DisputeRow,
): Promise<Purchase> {
  const credited = p.status === "paid";
  const clawback = credited
    ? await clawbackFor(ctx, p, d.withdrawnCents)
    : { credits: 0n, fromUser: 0n, receivable: 0n };
  await ctx.ledger.postJournal(ctx.db, {
    key: `dispute:${d.id}:opened`,
    kind: "dispute.opened",
    memo: `Dispute ${d.id} of ${d.withdrawnCents} cents`,
    userId: p.userId,
    entries: disputeOpenedEntries(p.userId, BigInt(d.withdrawnCents), clawback, credited),
  });
  await markDispute(ctx.db, d.id, {
    openedPosted: true,
    creditsFromUser: clawback.fromUser,
    creditsReceivable: clawback.receivable,
  });
  const updated = await updatePurchase(ctx.db, p.id, {
    creditsReversed: p.creditsReversed + clawback.credits,
  });
  await restrictUser(ctx.db, p.userId, `dispute ${d.id}`);
  const facts = {
    disputeId: d.id,
    cents: d.withdrawnCents,
    creditsFromUser: clawback.fromUser.toString(),
    creditsReceivable: clawback.receivable.toString(),
  };
  await audit(ctx, updated, "dispute.opened", facts);
  await event(ctx, updated, "purchase.disputed", facts);
  await appendEvent(ctx.db, {
    type: "account.restricted",
    subject: { type: "user", id: p.userId },
    userId: p.userId,
    payload: { reason: `dispute ${d.id}` },
  });
  return updated;
}

/** A won dispute: the exact reverse of its opening journal. */
async function settleDisputeWon(
  ctx: SettlementContext,
  p: Purchase,
  d: DisputeRow,
): Promise<Purchase> {
  const clawback = {
    credits: d.creditsFromUser + d.creditsReceivable,
    fromUser: d.creditsFromUser,
    receivable: d.creditsReceivable,
  };
  await ctx.ledger.postJournal(ctx.db, {
    key: `dispute:${d.id}:won`,
    kind: "dispute.won",
    memo: `Dispute ${d.id} won: reversal of the opening journal`,
    userId: p.userId,
    entries: disputeWonEntries(p.userId, BigInt(d.withdrawnCents), clawback, p.status === "paid"),
  });
  await markDispute(ctx.db, d.id, { wonPosted: true });
  const updated = await updatePurchase(ctx.db, p.id, {
    creditsReversed: p.creditsReversed - clawback.credits,
  });
  await audit(ctx, updated, "dispute.won", { disputeId: d.id, cents: d.withdrawnCents });
  await event(ctx, updated, "purchase.dispute_won", {
    disputeId: d.id,
    cents: d.withdrawnCents,
    creditsFromUser: d.creditsFromUser.toString(),
    creditsReceivable: d.creditsReceivable.toString(),
  });
  return updated;
}
