import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { pressButton, sessionParams, stripeClient, useStandIn } from "./test-support.ts";

const t = useStandIn();

describe("Checkout Sessions through the official client", () => {
  it("creates, retrieves and expires a session with Stripe's shapes", async () => {
    const created = await t.client.checkout.sessions.create(
      sessionParams({ client_reference_id: "p-1" }),
    );
    expect(created).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 2500,
      currency: "usd",
      client_reference_id: "p-1",
      metadata: { purchase_id: "p-1" },
      payment_intent: null,
      url: `${t.stripe.url}/checkout/${created.id}`,
    });
    expect(created.id).toMatch(/^cs_test_/);
    expect(created.expires_at - created.created).toBe(24 * 3600);
    expect((await t.client.checkout.sessions.retrieve(created.id)).status).toBe("open");

    const expired = await t.client.checkout.sessions.expire(created.id);
    expect(expired).toMatchObject({ id: created.id, status: "expired", url: null });
    const [event] = await t.hooks.waitFor(1);
    expect(event).toMatchObject({
      type: "checkout.session.expired",
      data: { object: { id: created.id } },
    });
    const again = t.client.checkout.sessions.expire(created.id);
    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("keeps expires_at within Stripe's 30 minutes to 24 hours", async () => {
    const now = Math.floor(Date.now() / 1000);
    const short = await t.client.checkout.sessions.create(
      sessionParams({ expires_at: now + 1800 }),
    );
    expect(short.expires_at).toBe(now + 1800);
    const tooSoon = t.client.checkout.sessions.create(sessionParams({ expires_at: now + 600 }));
    await expect(tooSoon).rejects.toMatchObject({ statusCode: 400, param: "expires_at" });
    const tooLate = t.client.checkout.sessions.create(sessionParams({ expires_at: now + 90_000 }));
    await expect(tooLate).rejects.toMatchObject({ statusCode: 400, param: "expires_at" });
  });

  it("expires an open session by itself at expires_at", async () => {
    const now = Math.floor(Date.now() / 1000);
    const session = await t.client.checkout.sessions.create(
      sessionParams({ expires_at: now + 1800 }),
    );
    await t.stripe.advanceClock(1799);
    expect(t.stripe.session(session.id).status).toBe("open");
    await t.stripe.advanceClock(2);
    expect(t.stripe.session(session.id).status).toBe("expired");
    expect((await t.hooks.waitFor(1)).map((e) => e.type)).toEqual(["checkout.session.expired"]);
  });

  it("replays an Idempotency-Key and refuses it with other parameters", async () => {
    const first = await t.client.checkout.sessions.create(sessionParams(), {
      idempotencyKey: "k-1",
    });
    const replay = await t.client.checkout.sessions.create(sessionParams(), {
      idempotencyKey: "k-1",
    });
    expect(replay.id).toBe(first.id);
    const other = t.client.checkout.sessions.create(
      sessionParams({ metadata: { purchase_id: "p-2" } }),
      { idempotencyKey: "k-1" },
    );
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("answers Stripe's errors: a wrong key, an unknown id, a missing parameter", async () => {
    const wrongKey = stripeClient(t.stripe, "sk_test_someoneelse");
    await expect(wrongKey.checkout.sessions.retrieve("cs_test_x")).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    await expect(t.client.checkout.sessions.retrieve("cs_test_nope")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    const noItems = t.client.checkout.sessions.create({ mode: "payment" });
    await expect(noItems).rejects.toMatchObject({ statusCode: 400, param: "line_items" });
  });
});

describe("the hosted checkout page", () => {
  it("Pay sends checkout.session.completed, paid, with a charge carrying the payment metadata", async () => {
    const session = await t.client.checkout.sessions.create(sessionParams());
    const pressed = await pressButton(session.url as string, "pay");
    expect(pressed.status).toBe(303);
    expect(pressed.location).toBe(`http://127.0.0.1:5173/buy/success?session_id=${session.id}`);
    // Delivered before the browser is sent back.
    expect(t.hooks.events.map((e) => e.type)).toEqual(["checkout.session.completed"]);
    const paid = t.hooks.events[0]?.data.object as Stripe.Checkout.Session;
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid" });
    const charge = t.stripe.charge(paid.payment_intent as string);
    expect(charge).toMatchObject({ amount: 2500, metadata: { purchase_id: "p-1" }, paid: true });
    expect(await t.client.charges.retrieve(charge.id)).toMatchObject({
      id: charge.id,
      amount: 2500,
    });
  });

  it("an async method completes unpaid, then succeeds or fails", async () => {
    const ok = await t.client.checkout.sessions.create(sessionParams());
    await pressButton(ok.url as string, "pay-async");
    const bad = await t.client.checkout.sessions.create(sessionParams());
    await pressButton(bad.url as string, "pay-async-fail");
    expect(
      t.hooks.events.map((e) => [
        e.type,
        (e.data.object as Stripe.Checkout.Session).payment_status,
      ]),
    ).toEqual([
      ["checkout.session.completed", "unpaid"],
      ["checkout.session.async_payment_succeeded", "paid"],
      ["checkout.session.completed", "unpaid"],
      ["checkout.session.async_payment_failed", "unpaid"],
    ]);
  });

  it("Decline leaves the session open; Cancel returns to cancel_url and the session stays open", async () => {
    const session = await t.client.checkout.sessions.create(sessionParams());
    const declined = await pressButton(session.url as string, "decline");
    expect(declined.status).toBe(402);
    expect(declined.body).toContain("Your card was declined");
    const cancelled = await pressButton(session.url as string, "cancel");
    expect(cancelled).toMatchObject({
      status: 303,
      location: "http://127.0.0.1:5173/buy/cancelled",
    });
    expect((await t.client.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect(t.hooks.events).toEqual([]);
  });

  it("the index page lists recent sessions with links to their pages", async () => {
    const session = await t.client.checkout.sessions.create(sessionParams());
    const index = await (await fetch(t.stripe.url)).text();
    expect(index).toContain("Local Stripe");
    expect(index).toContain(`href="/checkout/${session.id}"`);
    expect(index).toContain(t.hooks.url);
    const missing = await fetch(`${t.stripe.url}/checkout/cs_test_nope`);
    expect(missing.status).toBe(404);
  });
});
