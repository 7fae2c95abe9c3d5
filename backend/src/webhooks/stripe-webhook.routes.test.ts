import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { useMoneyTestApp } from "@boon/backend/test-support/money-app";
import type { StripeEvent } from "@boon/scripts/stand-ins";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { SYSTEM, userAccount } from "../ledger/accounts.ts";
import { readBalance } from "../ledger/ledger.repository.ts";

const app = useMoneyTestApp();

const BOON = 10n ** 18n;

async function openPurchase(user: SignedIn, amountCents: number, key: string) {
  const res = await api(app, "POST", "/v1/purchases", {
    body: { amountCents },
    headers: { ...user.headers, "idempotency-key": key },
  });
  expect(res.status).toBe(201);
  const { rows } = await app.pool.query<{ s: string }>(
    "SELECT stripe_session_id AS s FROM purchases WHERE id = $1",
    [res.body.id],
  );
  return { id: res.body.id as string, sessionId: (rows[0] as { s: string }).s };
}

/** A new user's purchase of 1000 cents (100 credits), paid: the user, the purchase, its payment intent. */
async function paidPurchase(key: string) {
  const user = await signIn(app);
  const p = await openPurchase(user, 1000, key);
  await app.stripeStandIn.pay(p.sessionId);
  const paymentIntent = app.stripeStandIn.session(p.sessionId).payment_intent as string;
  return { user, p, paymentIntent };
}

async function balanceOf(user: SignedIn): Promise<bigint> {
  return BigInt((await api(app, "GET", "/v1/me/balance", { headers: user.headers })).body.balance);
}

async function journalCount(): Promise<number> {
  const { rows } = await app.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ledger_journals",
  );
  return (rows[0] as { n: number }).n;
}

function post(body: string, signature: string | undefined) {
  return api(app, "POST", "/v1/webhooks/stripe", {
    rawBody: body,
    headers: {
      "content-type": "application/json",
      ...(signature === undefined ? {} : { "stripe-signature": signature }),
    },
  });
}

describe("Stripe webhooks: exactly-once credit (rule 5)", () => {
  it("the same completed event delivered 20 times, in parallel, credits once", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-dup-1");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => app.stripeStandIn.send(completed)),
    );
    expect(statuses).toEqual(statuses.map(() => 200));
    expect(await balanceOf(user)).toBe(100n * BOON);
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM ledger_journals WHERE key = $1",
      [`purchase:${p.id}:credit`],
    );
    expect(rows[0].n).toBe(1);
  });

  it("distinct events for one payment (completed + async_succeeded + a resend) still credit once", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-dup-2");
    const events = app.stripeStandIn.buildPayment(p.sessionId, "async");
    const copy = { ...(events[1] as StripeEvent), id: "evt_test_resent_copy_1" };
    for (const e of [events[1], copy, events[0], events[1]] as StripeEvent[]) {
      expect(await app.stripeStandIn.send(e)).toBe(200);
    }
    expect(await balanceOf(user)).toBe(100n * BOON);
    expect(
      (await api(app, "GET", `/v1/purchases/${p.id}`, { headers: user.headers })).body.status,
    ).toBe("paid");
  });

  it("reordered: expired arriving after payment does not undo it; payment after expiry re-checks the limit", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 4000, "wh-order-1");
    const payment = app.stripeStandIn.buildPayment(p.sessionId, "card");
    const expired = {
      ...(payment[0] as StripeEvent),
      id: "evt_test_expired_after_paid",
      type: "checkout.session.expired",
    };
    expect(await app.stripeStandIn.send(payment[0] as StripeEvent)).toBe(200);
    expect(await app.stripeStandIn.send(expired)).toBe(200);
    expect(
      (await api(app, "GET", `/v1/purchases/${p.id}`, { headers: user.headers })).body.status,
    ).toBe("paid");

    // q expires (reservation freed), r takes that capacity, then q's payment arrives late: over the
    // limit, so no credits; it is booked as owed back and refunded through Stripe.
    const q = await openPurchase(user, 6000, "wh-order-2");
    const qPayment = app.stripeStandIn.buildPayment(q.sessionId, "card");
    const qExpired = {
      ...(qPayment[0] as StripeEvent),
      id: "evt_test_q_expired",
      type: "checkout.session.expired",
    };
    expect(await app.stripeStandIn.send(qExpired)).toBe(200);
    const r = await openPurchase(user, 6000, "wh-order-3");
    await app.stripeStandIn.pay(r.sessionId);
    expect(await app.stripeStandIn.send(qPayment[0] as StripeEvent)).toBe(200);
    // The refund is asked of Stripe after commit; its charge.refunded webhook arrives on its own.
    await expect
      .poll(
        async () =>
          (await api(app, "GET", `/v1/purchases/${q.id}`, { headers: user.headers })).body,
      )
      .toMatchObject({ status: "over_limit", refundedCents: 6000 });
    expect(await balanceOf(user)).toBe(1000n * BOON);
    expect(await readBalance(app.pool, SYSTEM.refundsPayable)).toBe(0n);
  });

  it("a refund that arrives before the payment is applied once the payment lands", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-refund-first");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    await app.stripeStandIn.refund({
      paymentIntent: app.stripeStandIn.session(p.sessionId)?.payment_intent as string,
      amount: 400,
    });
    expect(await balanceOf(user)).toBe(0n);
    expect(await app.stripeStandIn.send(completed)).toBe(200);
    expect(await balanceOf(user)).toBe(60n * BOON);
  });

  it("rejects a bad signature, a wrong secret, a missing header and a stale timestamp, writing nothing", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-bad-sig");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const payload = JSON.stringify(completed);
    const before = await journalCount();
    const good = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: app.config.stripe.webhookSecret,
    });

    const tampered = await post(
      payload.replace('"amount_total":1000', '"amount_total":9000'),
      good,
    );
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe("invalid_signature");
    expect(
      (await app.stripeStandIn.send(completed, { secret: "whsec_someoneelse" })).valueOf(),
    ).toBe(400);
    const missing = await post(payload, undefined);
    expect(missing.body.error.code).toBe("missing_signature");
    const stale = await post(
      payload,
      Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: app.config.stripe.webhookSecret,
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe("stale_event");
    expect(await journalCount()).toBe(before);
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM stripe_events WHERE id = $1",
      [completed.id],
    );
    expect(rows[0].n).toBe(0);
    expect(await balanceOf(user)).toBe(0n);
  });

  it("applies the timestamp tolerance both ways: a far-future signature is refused too", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-future-sig");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const now = Math.floor(Date.now() / 1000);
    const future = await app.stripeStandIn.send(completed, { timestamp: now + 3600 });
    expect(future).toBe(400);
    const res = await post(
      JSON.stringify(completed),
      Stripe.webhooks.generateTestHeaderString({
        payload: JSON.stringify(completed),
        secret: app.config.stripe.webhookSecret,
        timestamp: now + 3600,
      }),
    );
    expect(res.body.error.code).toBe("event_in_future");
    expect(await balanceOf(user)).toBe(0n);
    // A little clock skew is fine: within the tolerance either way.
    expect(await app.stripeStandIn.send(completed, { timestamp: now + 60 })).toBe(200);
    expect(await balanceOf(user)).toBe(100n * BOON);
  });

  it("a correctly signed but malformed event is 400 invalid_event and stores nothing", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-malformed");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const { data: _data, ...noData } = completed;
    const { created: _created, ...noCreated } = completed;
    const malformed: Record<string, unknown> = {
      "an empty object": {},
      "no data": noData,
      "no created": noCreated,
      "created as text": { ...completed, created: "yesterday" },
      "created far beyond any date": { ...completed, created: 1e20 },
      "a NUL in the type": { ...completed, type: "checkout.session.completed\u0000" },
      "a NUL in the id": { ...completed, id: "evt_\u0000abc" },
      "a top-level array": [completed],
      "an object that is not an object": { ...completed, data: { object: "cs_test_x" } },
      "a session without its id": {
        ...completed,
        data: { object: { ...completed.data.object, id: undefined } },
      },
    };
    const eventsBefore = await app.pool.query("SELECT count(*)::int AS n FROM stripe_events");
    const journalsBefore = await journalCount();
    for (const [name, body] of Object.entries(malformed)) {
      const payload = JSON.stringify(body);
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: app.config.stripe.webhookSecret,
      });
      const res = await post(payload, signature);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({
        name,
        status: 400,
        code: "invalid_event",
      });
    }
    const eventsAfter = await app.pool.query("SELECT count(*)::int AS n FROM stripe_events");
    expect(eventsAfter.rows[0].n).toBe(eventsBefore.rows[0].n);
    expect(await journalCount()).toBe(journalsBefore);
    // The well-formed event still goes through.
    expect(await app.stripeStandIn.send(completed)).toBe(200);
  });

  it("an event for a purchase not known yet is answered 503 (Stripe retries); foreign sessions are ignored", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-unknown");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const early = structuredClone(completed);
    Object.assign(early.data.object, {
      id: "cs_test_notyet",
      metadata: { purchase_id: "00000000-0000-4000-8000-000000000000" },
    });
    early.id = "evt_test_not_yet";
    expect(await app.stripeStandIn.send(early)).toBe(503);
    const foreign = structuredClone(completed);
    Object.assign(foreign.data.object, {
      id: "cs_test_foreign",
      client_reference_id: null,
      metadata: {},
    });
    foreign.id = "evt_test_foreign";
    const before = await journalCount();
    expect(await app.stripeStandIn.send(foreign)).toBe(200);
    expect(await journalCount()).toBe(before);
  });
});

describe("Stripe objects that are not Boon's (a Stripe account shared with other integrations)", () => {
  const HOUR = 3600;
  const ignored = async (type: string) => {
    const metrics = (await api(app, "GET", "/metrics")).body as string;
    const line = metrics
      .split("\n")
      .find((l) =>
        l.startsWith(`boon_stripe_webhook_events_total{type="${type}",outcome="ignored"}`),
      );
    return Number(line?.split(" ").at(-1) ?? 0);
  };
  const stripeEvents = async () =>
    (await app.pool.query("SELECT count(*)::int AS n FROM stripe_events")).rows[0].n as number;

  it("a dispute on another integration's payment is acknowledged, counted and ignored", async () => {
    const session = await app.deps.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 4200 } }],
      metadata: { order: "shop-1" },
      payment_intent_data: { metadata: { order: "shop-1" } },
    });
    const paid = await app.stripeStandIn.pay(session.id);
    const before = {
      ignored: await ignored("charge.dispute.created"),
      events: await stripeEvents(),
    };
    const journals = await journalCount();
    await app.stripeStandIn.openDispute({ paymentIntent: paid.payment_intent as string });
    const attempts = app.stripeStandIn
      .webhookAttempts()
      .filter((a) => a.type.startsWith("charge.dispute"));
    expect(attempts.map((a) => [a.type, a.status])).toEqual([
      ["charge.dispute.created", 200],
      ["charge.dispute.funds_withdrawn", 200],
    ]);
    expect(await ignored("charge.dispute.created")).toBe(before.ignored + 1);
    expect(await stripeEvents()).toBe(before.events);
    expect(await journalCount()).toBe(journals);
  });

  it("charge.refunded with a purchase_id that is not Boon's is acknowledged and ignored", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-foreign-refund");
    await app.stripeStandIn.pay(p.sessionId);
    const charge = app.stripeStandIn.charge(
      app.stripeStandIn.session(p.sessionId).payment_intent as string,
    );
    const refunded = app.stripeStandIn.events().at(-1) as StripeEvent;
    const foreign = (purchaseId: string, created: number, id: string) =>
      ({
        ...refunded,
        id,
        type: "charge.refunded",
        data: {
          object: {
            ...charge,
            id: "ch_test_foreign",
            payment_intent: "pi_test_foreign",
            created,
            amount_refunded: charge.amount,
            metadata: { purchase_id: purchaseId },
          },
        },
      }) as StripeEvent;
    const now = Math.floor(Date.now() / 1000);
    const before = await ignored("charge.refunded");
    expect(await app.stripeStandIn.send(foreign("order-7781", now, "evt_test_foreign_1"))).toBe(
      200,
    );
    const unknownUuid = "00000000-0000-4000-8000-0000000000aa";
    expect(
      await app.stripeStandIn.send(foreign(unknownUuid, now - 2 * HOUR, "evt_test_foreign_2")),
    ).toBe(200);
    expect(await ignored("charge.refunded")).toBe(before + 2);
    // A Boon-shaped id created moments ago may be a purchase whose transaction has not committed
    // yet: Stripe is asked to retry.
    expect(await app.stripeStandIn.send(foreign(unknownUuid, now - 60, "evt_test_early_1"))).toBe(
      503,
    );
    expect(await balanceOf(user)).toBe(100n * BOON);
  });

  it("a checkout session of another Boon environment, long past, is ignored; a fresh one is retried", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-old-unknown");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const elsewhere = (created: number, id: string) => {
      const event = structuredClone(completed);
      Object.assign(event.data.object, {
        id: "cs_test_elsewhere",
        created,
        metadata: { purchase_id: "00000000-0000-4000-8000-0000000000bb" },
      });
      return { ...event, id };
    };
    const now = Math.floor(Date.now() / 1000);
    expect(await app.stripeStandIn.send(elsewhere(now - 2 * HOUR, "evt_test_elsewhere_old"))).toBe(
      200,
    );
    expect(await app.stripeStandIn.send(elsewhere(now, "evt_test_elsewhere_new"))).toBe(503);
  });

  it("a dispute reaching Boon before its payment's webhook is kept and settles once the payment lands", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "wh-dispute-first");
    const [completed] = app.stripeStandIn.buildPayment(p.sessionId, "card") as [StripeEvent];
    const paymentIntent = app.stripeStandIn.session(p.sessionId).payment_intent as string;
    await app.stripeStandIn.openDispute({ paymentIntent });
    const statuses = app.stripeStandIn
      .webhookAttempts()
      .filter((a) => a.type === "charge.dispute.created")
      .map((a) => a.status);
    expect(statuses.at(-1)).toBe(200);
    expect(await app.stripeStandIn.send(completed)).toBe(200);
    expect(await balanceOf(user)).toBe(0n);
    const limits = await api(app, "GET", "/v1/me/limits", { headers: user.headers });
    expect(limits.body.restricted).toBe(true);
  });
});

describe("refunds and disputes as journals", () => {
  it("a full refund claws back unspent credits", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 2000, "refund-full-1");
    await app.stripeStandIn.pay(p.sessionId);
    expect(await balanceOf(user)).toBe(200n * BOON);
    await app.stripeStandIn.refund({
      paymentIntent: app.stripeStandIn.session(p.sessionId)?.payment_intent as string,
    });
    expect(await balanceOf(user)).toBe(0n);
    const ledger = await api(app, "GET", "/v1/me/ledger?limit=1", { headers: user.headers });
    expect(ledger.body.items[0]).toMatchObject({
      kind: "purchase.refund",
      amount: (-200n * BOON).toString(),
    });
    expect(ledger.body.nextCursor).not.toBeNull();
    const older = await api(app, "GET", `/v1/me/ledger?limit=1&cursor=${ledger.body.nextCursor}`, {
      headers: user.headers,
    });
    expect(older.body.items[0]).toMatchObject({ kind: "purchase.credit" });
    expect(older.body.nextCursor).toBeNull();
  });

  it("a dispute after the credits were spent: takes what is spendable, books the rest as receivable, restricts", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "dp-spent");
    await app.stripeStandIn.pay(p.sessionId);
    // The user spends 70 of the 100 credits (e.g. a gift delivered on-chain).
    await app.deps.ledger.postJournal(app.pool, {
      key: `test-spend-${p.id}`,
      kind: "delivery.test",
      userId: user.userId,
      entries: [
        { account: userAccount(user.userId), amount: -70n * BOON },
        { account: SYSTEM.transfers, amount: 70n * BOON },
      ],
    });
    const recoveryBefore = await readBalance(app.pool, SYSTEM.disputeRecovery);
    const dispute = await app.stripeStandIn.openDispute({
      paymentIntent: app.stripeStandIn.session(p.sessionId)?.payment_intent as string,
    });
    expect(await balanceOf(user)).toBe(0n);
    expect(await readBalance(app.pool, SYSTEM.disputeRecovery)).toBe(recoveryBefore - 70n * BOON);
    const limits = await api(app, "GET", "/v1/me/limits", { headers: user.headers });
    expect(limits.body.restricted).toBe(true);
    const blocked = await api(app, "POST", "/v1/purchases", {
      body: { amountCents: 500 },
      headers: { ...user.headers, "idempotency-key": "dp-spent-after" },
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("account_restricted");

    // Won: the opening journal is reversed by a new one.
    await app.stripeStandIn.closeDispute(dispute.id, "won");
    expect(await balanceOf(user)).toBe(30n * BOON);
    expect(await readBalance(app.pool, SYSTEM.disputeRecovery)).toBe(recoveryBefore);
  });

  it("dispute closed (lost) arriving before dispute created posts the loss once", async () => {
    const user = await signIn(app);
    const p = await openPurchase(user, 1000, "dp-order");
    await app.stripeStandIn.pay(p.sessionId);
    const lossesBefore = await readBalance(app.pool, SYSTEM.disputeLosses);
    const created = app.stripeStandIn.events().length;
    await app.stripeStandIn.openDispute({
      paymentIntent: app.stripeStandIn.session(p.sessionId)?.payment_intent as string,
    });
    const createdEvent = app.stripeStandIn.events()[created] as StripeEvent;
    const closedEvent = structuredClone(createdEvent);
    closedEvent.id = "evt_test_closed_lost_first";
    closedEvent.type = "charge.dispute.closed";
    Object.assign(closedEvent.data.object, { status: "lost" });
    expect(await app.stripeStandIn.send(closedEvent)).toBe(200);
    expect(await app.stripeStandIn.send({ ...createdEvent, id: "evt_test_created_again" })).toBe(
      200,
    );
    expect(await readBalance(app.pool, SYSTEM.disputeLosses)).toBe(lossesBefore - 1000n);
    expect(await balanceOf(user)).toBe(0n);
  });
});

describe("disputes: inquiries move no money, only withdrawn funds do", () => {
  const disputeJournals = async (purchaseId: string) =>
    (
      await app.pool.query(
        `SELECT j.kind FROM ledger_journals j WHERE j.key LIKE 'dispute:%'
           AND j.key IN (SELECT 'dispute:' || d.id || ':' || k FROM stripe_disputes d,
                         unnest(ARRAY['opened', 'won']) k WHERE d.purchase_id = $1)
         ORDER BY j.id`,
        [purchaseId],
      )
    ).rows.map((r) => r.kind);
  const restricted = async (user: SignedIn) =>
    (await api(app, "GET", "/v1/me/limits", { headers: user.headers })).body.restricted;

  it("an inquiry (warning_*) books no loss, takes no credits, restricts nothing, and closes with nothing", async () => {
    const { user, p, paymentIntent } = await paidPurchase("dp-inquiry");
    const losses = await readBalance(app.pool, SYSTEM.disputeLosses);
    const inquiry = await app.stripeStandIn.openDispute({ paymentIntent, inquiry: true });
    await app.stripeStandIn.submitEvidence(inquiry.id);
    expect(await balanceOf(user)).toBe(100n * BOON);
    expect(await restricted(user)).toBe(false);
    await app.stripeStandIn.closeDispute(inquiry.id, "warning_closed");
    expect(await balanceOf(user)).toBe(100n * BOON);
    expect(await readBalance(app.pool, SYSTEM.disputeLosses)).toBe(losses);
    expect(await disputeJournals(p.id)).toEqual([]);
    const { rows } = await app.pool.query("SELECT status FROM stripe_disputes WHERE id = $1", [
      inquiry.id,
    ]);
    expect(rows[0].status).toBe("warning_closed");
  });

  it("an inquiry escalated to a chargeback books the loss when the funds are withdrawn; won gives it back", async () => {
    const { user, p, paymentIntent } = await paidPurchase("dp-escalated");
    const losses = await readBalance(app.pool, SYSTEM.disputeLosses);
    const inquiry = await app.stripeStandIn.openDispute({ paymentIntent, inquiry: true });
    expect(await balanceOf(user)).toBe(100n * BOON);
    await app.stripeStandIn.escalateDispute(inquiry.id);
    expect(await balanceOf(user)).toBe(0n);
    expect(await restricted(user)).toBe(true);
    expect(await readBalance(app.pool, SYSTEM.disputeLosses)).toBe(losses - 1000n);
    await app.stripeStandIn.closeDispute(inquiry.id, "won");
    expect(await balanceOf(user)).toBe(100n * BOON);
    expect(await readBalance(app.pool, SYSTEM.disputeLosses)).toBe(losses);
    expect(await disputeJournals(p.id)).toEqual(["dispute.opened", "dispute.won"]);
  });

  it("any order of a chargeback's events books the same: funds_reinstated before funds_withdrawn", async () => {
    const { user, p, paymentIntent } = await paidPurchase("dp-reinstated-first");
    const opened = app.stripeStandIn.buildDispute({ paymentIntent });
    const before = app.stripeStandIn.events().length;
    app.stripeStandIn.setWebhookUrl(undefined);
    await app.stripeStandIn.closeDispute(opened.dispute.id, "won");
    app.stripeStandIn.setWebhookUrl(`${app.baseUrl}/v1/webhooks/stripe`);
    const closing = app.stripeStandIn.events().slice(before);
    for (const event of [...closing].reverse())
      expect(await app.stripeStandIn.send(event)).toBe(200);
    for (const event of opened.events) expect(await app.stripeStandIn.send(event)).toBe(200);
    expect(await balanceOf(user)).toBe(100n * BOON);
    expect(await restricted(user)).toBe(false);
    expect(await disputeJournals(p.id)).toEqual([]);
  });
});

describe("a dispute racing the user's spending (real concurrency)", () => {
  it("answers 200 on first delivery and never lets the balance go negative", async () => {
    for (let round = 0; round < 6; round++) {
      const { user, p, paymentIntent } = await paidPurchase(`dp-race-${round}`);
      const { events } = app.stripeStandIn.buildDispute({ paymentIntent });
      const gift = (i: number) =>
        api(app, "POST", "/v1/gifts", {
          body: { kind: "link", amount: (15n * BOON).toString() },
          headers: { ...user.headers, "idempotency-key": `dp-race-${round}-${i}` },
        });
      // Six gifts of 15 credits (90 of the 100) race the dispute that takes all 100 back.
      const [dispute, ...gifts] = await Promise.all([
        app.stripeStandIn.send(events[0] as StripeEvent),
        ...Array.from({ length: 6 }, (_, i) => gift(i)),
      ]);
      expect({ round, dispute }).toEqual({ round, dispute: 200 });
      const spent = gifts.filter((g) => (g as { status: number }).status === 201).length;
      const { rows } = await app.pool.query(
        "SELECT credits_from_user::text AS u, credits_receivable::text AS r FROM stripe_disputes WHERE purchase_id = $1",
        [p.id],
      );
      // Whatever the gifts took first is a receivable; the rest came from the balance, now zero.
      expect(await balanceOf(user)).toBe(0n);
      expect(BigInt(rows[0].u) + BigInt(rows[0].r)).toBe(100n * BOON);
      expect(BigInt(rows[0].r)).toBe(BigInt(spent) * 15n * BOON);
    }
  });
});

describe("webhook metrics", () => {
  it("exposes webhook lag and journal counters", async () => {
    const res = await api(app, "GET", "/metrics");
    expect(res.body).toMatch(
      /boon_stripe_webhook_lag_seconds_count\{type="checkout.session.completed"\} [1-9]/,
    );
    expect(res.body).toMatch(/boon_ledger_journals_total\{kind="purchase.credit"\} [1-9]/);
  });
});
