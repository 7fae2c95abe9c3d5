import { api, signIn } from "@boon/backend/test-support";
import {
  type MoneyTestApp,
  paidPurchase,
  startMoneyTestApp,
  startPurchase,
} from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let app: MoneyTestApp;
beforeAll(async () => {
  app = await startMoneyTestApp({ PURCHASE_MIN_CENTS: "200", BOON_PRICE_CENTS: "8" });
});
afterAll(async () => {
  await app.close();
});

const BOON = 10n ** 18n;

describe("GET /v1/pricing", () => {
  it("states the price, fees and limits the purchase service applies, to anyone", async () => {
    const pricing = await api(app, "GET", "/v1/pricing");
    expect(pricing.status).toBe(200);
    // 8 cents per BOON: a dollar buys 12.5 BOON.
    expect(pricing.body).toEqual({
      currency: "usd",
      boonPerUsd: ((125n * BOON) / 10n).toString(),
      decimals: 18,
      feeCents: { fixed: 0, bps: 0 },
      minCents: 200,
      maxCents: 1_000_000,
    });
    const user = await signIn(app);
    const { id } = await startPurchase(app, user.headers, 400);
    const bought = await api(app, "GET", `/v1/purchases/${id}`, { headers: user.headers });
    expect(bought.body.credits).toBe((4n * BigInt(pricing.body.boonPerUsd)).toString());
  });
});

describe("GET /v1/me/purchases and /v1/me/purchases/{id}", () => {
  it("lists the user's purchases newest first with their status", async () => {
    const user = await signIn(app);
    const paid = await paidPurchase(app, user.headers, 1_000);
    const open = await startPurchase(app, user.headers, 300);
    const cancelled = await startPurchase(app, user.headers, 500);
    const cancel = await api(app, "POST", `/v1/purchases/${cancelled.id}/cancel`, {
      headers: user.headers,
    });
    expect(cancel.body.status).toBe("expired");
    const lapsed = await startPurchase(app, user.headers, 700);
    await app.stripeStandIn.expire(lapsed.sessionId);

    const list = await api(app, "GET", "/v1/me/purchases", { headers: user.headers });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [lapsed.id, "expired"],
      [cancelled.id, "cancelled"],
      [open.id, "pending"],
      [paid.id, "paid"],
    ]);
    expect(list.body.items[3]).toMatchObject({
      amountCents: 1_000,
      boon: (125n * BOON).toString(),
      feeCents: 0,
    });
    expect(list.body.items[3].paidAt).not.toBeNull();
  });

  it("gives a receipt with the rate and every refund", async () => {
    const user = await signIn(app);
    const { id, paymentIntent } = await paidPurchase(app, user.headers, 2_000);
    await app.stripeStandIn.refund({ paymentIntent, amount: 800 });
    const partly = await api(app, "GET", `/v1/me/purchases/${id}`, { headers: user.headers });
    expect(partly.status).toBe(200);
    expect(partly.body).toMatchObject({
      id,
      status: "partially_refunded",
      amountCents: 2_000,
      boon: (250n * BOON).toString(),
      rate: ((125n * BOON) / 10n).toString(),
      feeCents: 0,
      refunds: [{ amountCents: 800, boon: (100n * BOON).toString(), reason: "refund" }],
    });
    await app.stripeStandIn.refund({ paymentIntent });
    const full = await api(app, "GET", `/v1/me/purchases/${id}`, { headers: user.headers });
    expect(full.body.status).toBe("refunded");
    expect(full.body.refunds.map((r: { amountCents: number }) => r.amountCents)).toEqual([
      800, 1_200,
    ]);
  });

  it("shows a chargeback as disputed until it is won", async () => {
    const user = await signIn(app);
    const { id, paymentIntent } = await paidPurchase(app, user.headers, 1_000);
    const dispute = await app.stripeStandIn.openDispute({ paymentIntent });
    const disputed = await api(app, "GET", `/v1/me/purchases/${id}`, { headers: user.headers });
    expect(disputed.body.status).toBe("disputed");
    expect(disputed.body.refunds).toMatchObject([{ amountCents: 1_000, reason: "dispute" }]);
    await app.stripeStandIn.closeDispute(dispute.id, "won");
    const won = await api(app, "GET", `/v1/me/purchases/${id}`, { headers: user.headers });
    expect(won.body.status).toBe("paid");
  });

  it("refuses the signed-out (401) and hides other users' purchases (404)", async () => {
    const owner = await signIn(app);
    const { id } = await paidPurchase(app, owner.headers, 500);
    expect((await api(app, "GET", "/v1/me/purchases")).status).toBe(401);
    expect((await api(app, "GET", `/v1/me/purchases/${id}`)).status).toBe(401);
    const other = await signIn(app);
    const theirs = await api(app, "GET", `/v1/me/purchases/${id}`, { headers: other.headers });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("purchase_not_found");
    const list = await api(app, "GET", "/v1/me/purchases", { headers: other.headers });
    expect(list.body).toEqual({ items: [] });
  });
});
