import { api, signIn } from "@boon/backend/test-support";
import { useMoneyTestApp } from "@boon/backend/test-support/money-app";
import type { StripeEvent } from "@boon/scripts/stand-ins";
import { describe, expect, it } from "vitest";
import { readEventsAfter, START } from "./events.repository.ts";

const app = useMoneyTestApp();

async function eventsOf(userId: string) {
  const events = await readEventsAfter(app.pool, START, { limit: 1000, userId });
  return events.map((e) => [e.type, e.subject.id, e.payload]);
}

/** A signed-in user and their purchase request's response. */
async function purchase(amountCents: number, key: string) {
  const user = await signIn(app);
  const res = await api(app, "POST", "/v1/purchases", {
    body: { amountCents },
    headers: { ...user.headers, "idempotency-key": key },
  });
  return { user, res };
}

describe("money changes write their domain events", () => {
  it("a purchase's life: created, settled (once, however often Stripe repeats), refunded, disputed, won", async () => {
    const { user, res } = await purchase(1000, "events-purchase-1");
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const { rows } = await app.pool.query(
      "SELECT stripe_session_id AS s FROM purchases WHERE id = $1",
      [id],
    );
    const [completed] = app.stripeStandIn.buildPayment(rows[0].s, "card") as [StripeEvent];
    for (let i = 0; i < 3; i++) expect(await app.stripeStandIn.send(completed)).toBe(200);
    const paymentIntent = app.stripeStandIn.session(rows[0].s)?.payment_intent as string;
    await app.stripeStandIn.refund({ paymentIntent, amount: 200 });
    const dispute = await app.stripeStandIn.openDispute({ paymentIntent, amount: 300 });
    await app.stripeStandIn.closeDispute(dispute.id, "won");

    const credits = `${100n * 10n ** 18n}`;
    expect(await eventsOf(user.userId)).toEqual([
      ["purchase.created", id, { amountCents: 1000, credits }],
      ["purchase.settled", id, { amountCents: 1000, credits }],
      [
        "purchase.refunded",
        id,
        { cents: 200, creditsFromUser: `${20n * 10n ** 18n}`, creditsReceivable: "0" },
      ],
      [
        "purchase.disputed",
        id,
        {
          disputeId: dispute.id,
          cents: 300,
          creditsFromUser: `${30n * 10n ** 18n}`,
          creditsReceivable: "0",
        },
      ],
      ["account.restricted", user.userId, { reason: `dispute ${dispute.id}` }],
      [
        "purchase.dispute_won",
        id,
        {
          disputeId: dispute.id,
          cents: 300,
          creditsFromUser: `${30n * 10n ** 18n}`,
          creditsReceivable: "0",
        },
      ],
    ]);
  });

  it("a refused request writes no event", async () => {
    const { user, res } = await purchase(1_000_000, "events-over-limit");
    expect(res.status).toBe(422);
    expect(await eventsOf(user.userId)).toEqual([]);
  });
});
