// Refunds, disputes, Identity and webhook delivery, driven through the official client and verified
// with the official library's signature check.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { DISPUTE_FEE_CENTS } from "./disputes.ts";
import { pressButton, sessionParams, useStandIn } from "./test-support.ts";

const t = useStandIn();

/** A paid session's payment intent. */
async function paid(): Promise<string> {
  const session = await t.client.checkout.sessions.create(sessionParams());
  return (await t.stripe.pay(session.id)).payment_intent as string;
}

const disputeEvents = () =>
  t.hooks.events
    .filter((e) => e.type.startsWith("charge.dispute."))
    .map((e) => {
      const d = e.data.object as Stripe.Dispute;
      return [e.type, d.status, d.balance_transactions.map((t) => t.amount)];
    });

describe("refunds", () => {
  it("refunds part, then the rest; charge.refunded carries the cumulative amount", async () => {
    const paymentIntent = await paid();
    const part = await t.client.refunds.create({ payment_intent: paymentIntent, amount: 1000 });
    expect(part).toMatchObject({ object: "refund", amount: 1000, status: "succeeded" });
    const rest = await t.client.refunds.create({ payment_intent: paymentIntent });
    expect(rest.amount).toBe(1500);
    const over = t.client.refunds.create({ payment_intent: paymentIntent, amount: 1 });
    await expect(over).rejects.toMatchObject({ statusCode: 400, param: "amount" });
    await t.hooks.waitFor(3);
    const refunded = t.hooks.events
      .filter((e) => e.type === "charge.refunded")
      .map((e) => (e.data.object as Stripe.Charge).amount_refunded);
    expect(refunded).toEqual([1000, 2500]);
  });
});

describe("disputes: inquiries move no money, chargebacks do", () => {
  it("an inquiry has no balance transactions from opening to warning_closed", async () => {
    const dispute = await t.stripe.openDispute({ paymentIntent: await paid(), inquiry: true });
    await t.stripe.submitEvidence(dispute.id);
    await t.stripe.closeDispute(dispute.id, "warning_closed");
    expect(disputeEvents()).toEqual([
      ["charge.dispute.created", "warning_needs_response", []],
      ["charge.dispute.updated", "warning_under_review", []],
      ["charge.dispute.closed", "warning_closed", []],
    ]);
  });

  it("a chargeback withdraws the funds at once and a won one reinstates them", async () => {
    const dispute = await t.stripe.openDispute({ paymentIntent: await paid(), amount: 2000 });
    await t.stripe.closeDispute(dispute.id, "won");
    expect(disputeEvents()).toEqual([
      ["charge.dispute.created", "needs_response", [-2000]],
      ["charge.dispute.funds_withdrawn", "needs_response", [-2000]],
      ["charge.dispute.funds_reinstated", "won", [-2000, 2000]],
      ["charge.dispute.closed", "won", [-2000, 2000]],
    ]);
    const retrieved = await t.client.disputes.retrieve(dispute.id);
    expect(retrieved.balance_transactions.map((t) => [t.reporting_category, t.fee])).toEqual([
      ["dispute", DISPUTE_FEE_CENTS],
      ["dispute_reversal", -DISPUTE_FEE_CENTS],
    ]);
  });

  it("an inquiry escalates into a chargeback on the same dispute, then is lost", async () => {
    const dispute = await t.stripe.openDispute({ paymentIntent: await paid(), inquiry: true });
    await t.stripe.escalateDispute(dispute.id);
    await t.stripe.closeDispute(dispute.id, "lost");
    expect(disputeEvents()).toEqual([
      ["charge.dispute.created", "warning_needs_response", []],
      ["charge.dispute.updated", "needs_response", [-2500]],
      ["charge.dispute.funds_withdrawn", "needs_response", [-2500]],
      ["charge.dispute.closed", "lost", [-2500]],
    ]);
    await expect(t.stripe.closeDispute(dispute.id, "won")).rejects.toThrow(/already closed/);
  });
});

describe("Identity verification sessions", () => {
  it("creates a session, the hosted page verifies it, and a cancel ends another", async () => {
    const session = await t.client.identity.verificationSessions.create({
      type: "document",
      metadata: { user_id: "u-1" },
      return_url: "http://127.0.0.1:5173/account/verification",
    });
    expect(session).toMatchObject({
      status: "requires_input",
      url: `${t.stripe.url}/identity/${session.id}`,
    });
    const failed = await pressButton(session.url as string, "fail");
    expect(failed.body).toContain("could not be verified");
    const verified = await pressButton(session.url as string, "verify");
    expect(verified.location).toBe("http://127.0.0.1:5173/account/verification");
    const other = await t.client.identity.verificationSessions.create({ type: "document" });
    expect((await t.client.identity.verificationSessions.cancel(other.id)).status).toBe("canceled");
    await t.hooks.waitFor(3);
    expect(t.hooks.events.map((e) => e.type)).toEqual([
      "identity.verification_session.requires_input",
      "identity.verification_session.verified",
      "identity.verification_session.canceled",
    ]);
  });
});

describe("webhook delivery", () => {
  it("retries a failed delivery with backoff until the endpoint accepts it", async () => {
    t.hooks.answer(503);
    const session = await t.client.checkout.sessions.create(sessionParams());
    await t.stripe.pay(session.id);
    t.hooks.answer(200);
    await t.hooks.waitFor(1);
    // The endpoint counts the event before the stand-in has read its answer and logged the attempt.
    const attempts = () => t.stripe.webhookAttempts().map((a) => [a.attempt, a.status]);
    await expect.poll(attempts).toEqual([
      [1, 503],
      [2, 200],
    ]);
  });

  it("signs with the endpoint's secret and the current time, unless a test says otherwise", async () => {
    const session = await t.client.checkout.sessions.create(sessionParams());
    const [event] = t.stripe.buildPayment(session.id, "card");
    if (!event) throw new Error("no event");
    expect(await t.stripe.send(event)).toBe(200);
    expect(await t.stripe.send(event, { secret: "whsec_other" })).toBe(400);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect(await t.stripe.send(event, { timestamp: stale })).toBe(400);
    expect(t.stripe.events().map((e) => e.id)).toEqual([event.id]);
  });
});
