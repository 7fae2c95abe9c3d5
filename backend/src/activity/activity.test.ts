import { api, signIn } from "@boon/backend/test-support";
import {
  type MoneyTestApp,
  paidPurchase,
  startMoneyTestApp,
  startPurchase,
} from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent, type NewEvent } from "../events/append-event.ts";
import type { Consumer } from "../events/consumer.ts";
import type { EventType } from "../events/event-types.ts";
import { resetConsumer } from "../events/events.repository.ts";
import { type EventStream, openEventStream } from "../events/stream.ts";
import { createLogger } from "../ops/logger.ts";
import { ACTIVITY_PROJECTION, startActivityProjection } from "./activity.projection.ts";

const logger = createLogger("silent");
const BOON = 10n ** 18n;
const TX = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const ALICE = "0x00000000000000000000000000000000000a11ce";
const BOB = "0x0000000000000000000000000000000000000b0b";

let app: MoneyTestApp;
let stream: EventStream;
let projection: Consumer;
beforeAll(async () => {
  app = await startMoneyTestApp();
  stream = await openEventStream({ databaseUrl: app.databaseUrl, logger, pollMs: 100 });
  projection = startActivityProjection({ pool: app.pool, stream, logger });
});
afterAll(async () => {
  await projection.stop();
  await stream.close();
  await app.close();
});

function append<T extends EventType>(event: NewEvent<T>) {
  return withTransaction(app.pool, (tx) => appendEvent(tx, event));
}

async function activity(headers: Record<string, string>, query = "") {
  await projection.caughtUp();
  return api(app, "GET", `/v1/me/activity${query}`, { headers });
}

/** A withdrawal paid from credits, queued then confirmed on chain (the delivery's events). */
async function withdrawal(userId: string, deliveryId: string, amount: bigint) {
  const subject = { type: "delivery", id: deliveryId } as const;
  const kind = "withdrawal" as const;
  await withTransaction(app.pool, async (tx) => {
    await appendEvent(tx, {
      type: "credits.spent",
      subject,
      userId,
      payload: { deliveryId, kind, amount: amount.toString() },
    });
    await appendEvent(tx, {
      type: "delivery.queued",
      subject,
      userId,
      payload: { kind, amount: amount.toString(), recipient: ALICE, recipientLabel: null },
    });
  });
  return {
    broadcast: () =>
      append({
        type: "delivery.broadcast",
        subject,
        userId,
        payload: { kind, txHash: TX(1), nonce: "0" },
      }),
    confirm: () =>
      append({
        type: "delivery.confirmed",
        subject,
        userId,
        payload: { kind, amount: amount.toString(), txHash: TX(1), blockNumber: "7", giftId: null },
      }),
  };
}

describe("GET /v1/me/activity", () => {
  it("shows a card user's purchases, refunds and withdrawals as they move on", async () => {
    const user = await signIn(app, { email: "card@example.com" });
    const paid = await paidPurchase(app, user.headers, 1_000);
    const cancelled = await startPurchase(app, user.headers, 500);
    await api(app, "POST", `/v1/purchases/${cancelled.id}/cancel`, { headers: user.headers });
    await app.stripeStandIn.refund({ paymentIntent: paid.paymentIntent, amount: 200 });
    const deliveryId = crypto.randomUUID();
    const delivery = await withdrawal(user.userId, deliveryId, 30n * BOON);

    const first = await activity(user.headers);
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toBeNull();
    const lines = first.body.items.map(
      (i: { kind: string; status: string; title: string; amount: string }) => [
        i.kind,
        i.status,
        i.title,
        i.amount,
      ],
    );
    expect(lines).toEqual([
      ["withdrawal", "pending", "Withdrawal to your wallet", (30n * BOON).toString()],
      ["purchase_refund", "done", "Card payment refunded", (20n * BOON).toString()],
      ["purchase", "failed", "Card purchase cancelled", (50n * BOON).toString()],
      ["purchase", "done", "Card purchase", (100n * BOON).toString()],
    ]);
    expect(first.body.items[3]).toMatchObject({
      direction: "in",
      amountCents: 1_000,
      ref: { purchaseId: paid.id },
      txHash: null,
    });
    expect(first.body.items[0]).toMatchObject({
      direction: "out",
      counterparty: ALICE,
      ref: { deliveryId },
    });

    await delivery.broadcast();
    await delivery.confirm();
    const later = await activity(user.headers);
    expect(later.body.items[0]).toMatchObject({ status: "done", txHash: TX(1) });
    expect(later.body.items).toHaveLength(4);
  });

  it("shows on-chain facts for the user's wallet: gifts received, claimed and refunded", async () => {
    const user = await signIn(app, { wallet: ALICE });
    const gift = { chainId: 31337, token: TX(9).slice(0, 42), amount: (5n * BOON).toString() };
    await append({
      type: "onchain.gift_received",
      subject: { type: "gift", id: "e1:0" },
      userId: user.userId,
      payload: {
        ...gift,
        blockNumber: "3",
        txHash: TX(2),
        giftId: null,
        kind: "address",
        sender: BOB,
        recipient: ALICE,
        message: "hi",
      },
    });
    await append({
      type: "onchain.gift_claimed",
      subject: { type: "gift", id: "e2:0" },
      userId: user.userId,
      payload: {
        ...gift,
        blockNumber: "4",
        txHash: TX(3),
        giftId: "12",
        kind: "link",
        sender: ALICE,
        recipient: "0x",
        claimedBy: BOB,
      },
    });
    const page = await activity(user.headers);
    expect(page.body.items).toMatchObject([
      { kind: "claim", direction: "out", counterparty: BOB, txHash: TX(3), ref: { giftId: "12" } },
      { kind: "gift_received", direction: "in", counterparty: BOB, status: "done" },
    ]);
  });

  it("merges an expired card gift's on-chain refund and its credits into one line", async () => {
    const user = await signIn(app);
    await append({
      type: "gift.refund_credited",
      subject: { type: "delivery", id: crypto.randomUUID() },
      userId: user.userId,
      payload: { giftId: "77", amount: BOON.toString(), txHash: TX(4) },
    });
    await append({
      type: "onchain.gift_refunded",
      subject: { type: "gift", id: "e3:0" },
      userId: user.userId,
      payload: {
        chainId: 31337,
        token: ALICE,
        amount: BOON.toString(),
        blockNumber: "9",
        txHash: TX(4),
        giftId: "77",
        kind: "link",
        sender: BOB,
        recipient: "0x",
      },
    });
    const page = await activity(user.headers);
    expect(page.body.items).toMatchObject([
      {
        kind: "refund",
        direction: "in",
        title: "Unclaimed gift refunded",
        amount: BOON.toString(),
      },
    ]);
  });

  it("pages with a cursor, shows only the user's own lines, and refuses the signed-out", async () => {
    const user = await signIn(app);
    for (let i = 0; i < 3; i++) await withdrawal(user.userId, crypto.randomUUID(), BigInt(i + 1));
    const first = await activity(user.headers, "?limit=2");
    expect(first.body.items.map((i: { amount: string }) => i.amount)).toEqual(["3", "2"]);
    const second = await activity(user.headers, `?limit=2&before=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ amount: "1" }], nextCursor: null });

    const other = await signIn(app);
    expect((await activity(other.headers)).body).toEqual({ items: [], nextCursor: null });
    expect((await api(app, "GET", "/v1/me/activity")).status).toBe(401);
    const bad = await activity(user.headers, "?before=abc");
    expect(bad.status).toBe(400);
  });

  it("a replay from the start rebuilds the same lines", async () => {
    await projection.caughtUp();
    const snapshot = async () =>
      (
        await app.pool.query(
          "SELECT user_id, id, kind, status, title, amount::text, tx_hash, ref FROM activity_items ORDER BY user_id, id",
        )
      ).rows;
    const built = await snapshot();
    expect(built.length).toBeGreaterThan(5);
    await projection.stop();
    await app.pool.query("DELETE FROM activity_items");
    await resetConsumer(app.pool, ACTIVITY_PROJECTION);
    projection = startActivityProjection({ pool: app.pool, stream, logger });
    await projection.caughtUp();
    expect(await snapshot()).toEqual(built);
  });
});
