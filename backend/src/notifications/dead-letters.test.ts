import { api, signIn } from "@boon/backend/test-support";
import {
  type MoneyTestApp,
  paidPurchase,
  startMoneyTestApp,
} from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer, StoredEvent } from "../events/consumer.ts";
import { resetConsumer } from "../events/events.repository.ts";
import { type EventStream, openEventStream } from "../events/stream.ts";
import { createLogger } from "../ops/logger.ts";
import type { DeadLetter } from "./dead-letters.repository.ts";
import { notifications, startNotifications } from "./index.ts";
import { notificationsSent } from "./notifications.repository.ts";
import { type RetryPolicy, startNotifier } from "./notifier.ts";
import { purchaseReceipt } from "./purchase-receipt.ts";

const logger = createLogger("silent");
const retry: RetryPolicy = { maxAttempts: 3, retryMs: 50, maxRetryMs: 200 };
const dappOrigin = "http://localhost:5173";

let app: MoneyTestApp;
let stream: EventStream;
let notifiers: Consumer[];
const deps = () => ({
  pool: app.pool,
  stream,
  logger,
  mailer: app.deps.mailer,
  metrics: app.deps.metrics,
});
const start = () => startNotifications(deps(), { dappOrigin, retry });
const stopAll = () => Promise.all(notifiers.map((n) => n.stop()));
const caughtUp = () => Promise.all(notifiers.map((n) => n.caughtUp()));

beforeAll(async () => {
  app = await startMoneyTestApp();
  stream = await openEventStream({ databaseUrl: app.databaseUrl, logger, pollMs: 100 });
  notifiers = start();
  await caughtUp();
});
afterAll(async () => {
  await stopAll();
  await stream.close();
  await app.close();
});

const receipts = (to: string) =>
  app.mail.messages({ to }).filter((m) => m.subject.startsWith("Your Boon receipt"));

async function letterFor(purchaseId: string): Promise<DeadLetter | undefined> {
  const { rows } = await app.pool.query<DeadLetter>(
    `SELECT id, status, attempts, reason, user_id AS "userId", notification
       FROM notification_dead_letters WHERE key = $1`,
    [`purchase_receipt:${purchaseId}`],
  );
  return rows[0];
}

async function eventsAbout(letterId: string) {
  const { rows } = await app.pool.query<{ type: string; payload: Record<string, unknown> }>(
    "SELECT type, payload FROM events WHERE subject_type = 'notification_dead_letter' AND subject_id = $1 ORDER BY seq",
    [letterId],
  );
  return rows;
}

async function counted(outcome: string): Promise<number> {
  const { values } = await app.deps.metrics.notifications.get();
  const match = (v: (typeof values)[number]) =>
    v.labels.notification === "purchase_receipt" && v.labels.outcome === outcome;
  return values.find(match)?.value ?? 0;
}

async function openGauge(): Promise<number> {
  const { values } = await app.deps.metrics.notificationDeadLettersOpen.get();
  return values.find((v) => v.labels.notification === "purchase_receipt")?.value ?? 0;
}

/** A user with an address, and a paid purchase of theirs. */
async function buyer(email: string, cents = 400) {
  const user = await signIn(app, { email });
  const { id } = await paidPurchase(app, user.headers, cents);
  return { user, id };
}

let bounced: { letterId: string; userId: string };
let capped: string;
let uncomposable: string;

describe("send failures", () => {
  it("a permanent refusal (5xx) dead-letters that receipt, and the next receipt is still sent", async () => {
    const [deadBefore, openBefore] = [await counted("dead_lettered"), await openGauge()];
    app.mail.refuseNext(1, { at: "rcpt", code: 550, message: "No such user here" });
    const bad = await buyer("bounce@example.com");
    await buyer("next@example.com", 600);
    await app.mail.waitForMessage({ to: "next@example.com" });
    await caughtUp();
    expect(receipts("bounce@example.com")).toEqual([]);
    const letter = (await letterFor(bad.id)) as DeadLetter;
    expect(letter).toMatchObject({ status: "open", attempts: 1, userId: bad.user.userId });
    expect(letter.reason).toContain("550");
    expect(await eventsAbout(letter.id)).toEqual([
      {
        type: "notification.dead_lettered",
        payload: expect.objectContaining({ permanent: true, attempts: 1, userId: bad.user.userId }),
      },
    ]);
    expect(await counted("dead_lettered")).toBe(deadBefore + 1);
    expect(await openGauge()).toBe(openBefore + 1);
    bounced = { letterId: letter.id, userId: bad.user.userId };
  });

  it("a transient refusal (4xx) is retried with backoff and then sent exactly once", async () => {
    const sentBefore = await counted("sent");
    app.mail.refuseNext(2); // 451, twice: under the cap of 3 attempts
    const { id } = await buyer("slow@example.com");
    await app.mail.waitForMessage({ to: "slow@example.com", timeoutMs: 10_000 });
    await caughtUp();
    expect(app.mail.pendingRefusals()).toBe(0);
    expect(receipts("slow@example.com")).toHaveLength(1);
    expect(await letterFor(id)).toBeUndefined();
    expect(await counted("sent")).toBe(sentBefore + 1);
  });

  it("a transient failure past the attempt cap dead-letters it, and the next receipt is sent", async () => {
    app.mail.refuseNext(3);
    const { id } = await buyer("busy@example.com");
    await buyer("after-busy@example.com");
    await app.mail.waitForMessage({ to: "after-busy@example.com", timeoutMs: 10_000 });
    await caughtUp();
    expect(receipts("busy@example.com")).toEqual([]);
    const letter = (await letterFor(id)) as DeadLetter;
    expect(letter).toMatchObject({ status: "open", attempts: 3 });
    expect(letter.reason).toContain("451");
    const [event] = await eventsAbout(letter.id);
    expect(event?.payload).toMatchObject({ permanent: false, attempts: 3 });
    capped = letter.id;
  });

  it("an email that cannot be composed is dead-lettered at once", async () => {
    await stopAll();
    const receipt = purchaseReceipt({ dappOrigin });
    // A purchase of $1.11 stands for an event its notification cannot make sense of.
    const malformed = (event: StoredEvent) => event.payload.amountCents === 111;
    notifiers = [
      startNotifier(
        deps(),
        {
          ...receipt,
          compose: (db, event) =>
            malformed(event) ? Promise.reject(new Error("malformed")) : receipt.compose(db, event),
        },
        retry,
      ),
    ];
    const user = await signIn(app, { email: "malformed@example.com" });
    const first = await paidPurchase(app, user.headers, 111);
    await paidPurchase(app, user.headers, 200);
    await app.mail.waitForMessage({
      to: "malformed@example.com",
      match: (m) => m.subject.includes("$2.00"),
    });
    await caughtUp();
    expect(receipts("malformed@example.com")).toHaveLength(1);
    const letter = (await letterFor(first.id)) as DeadLetter;
    expect(letter).toMatchObject({
      status: "open",
      attempts: 1,
      reason: "could not compose: malformed",
    });
    uncomposable = letter.id;
    await stopAll();
    notifiers = start();
  });

  it("a restart or a replay after dead-lettering sends nothing again", async () => {
    const openBefore = await openGauge();
    await stopAll();
    notifiers = start();
    await caughtUp();
    await stopAll();
    await resetConsumer(app.pool, "notify.purchase_receipt");
    notifiers = start();
    await caughtUp();
    await buyer("fresh@example.com");
    await app.mail.waitForMessage({ to: "fresh@example.com" });
    await caughtUp();
    expect(receipts("bounce@example.com")).toEqual([]);
    expect(receipts("busy@example.com")).toEqual([]);
    expect(receipts("malformed@example.com")).toHaveLength(1);
    expect(receipts("next@example.com")).toHaveLength(1);
    const { rows } = await app.pool.query(
      "SELECT attempts FROM notification_dead_letters WHERE id = ANY($1::uuid[]) ORDER BY attempts",
      [[bounced.letterId, capped, uncomposable]],
    );
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 3]);
    expect(await openGauge()).toBe(openBefore);
  });
});

const listPath = "/v1/admin/notifications/dead-letters";
const retryPath = (id: string) => `${listPath}/${id}/retry`;

describe("admin dead letters", () => {
  it("are for admins only: anonymous 401, users and analysts 403", async () => {
    expect((await api(app, "GET", listPath)).status).toBe(401);
    expect((await api(app, "POST", retryPath(bounced.letterId))).status).toBe(401);
    for (const role of ["user", "analyst"] as const) {
      const caller = await signIn(app, { role });
      const list = await api(app, "GET", listPath, { headers: caller.headers });
      expect(list.status).toBe(403);
      const retried = await api(app, "POST", retryPath(bounced.letterId), {
        headers: caller.headers,
      });
      expect(retried.status).toBe(403);
      expect(retried.body.error.code).toBe("forbidden");
    }
    expect(receipts("bounce@example.com")).toEqual([]);
  });

  it("lists open dead letters; an unknown id is 404 and a bad one 400", async () => {
    const admin = await signIn(app, { role: "admin" });
    const list = await api(app, "GET", `${listPath}?status=open`, { headers: admin.headers });
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: { id: string }) => l.id).sort()).toEqual(
      [bounced.letterId, capped, uncomposable].sort(),
    );
    expect(list.body.items.find((l: { id: string }) => l.id === bounced.letterId)).toMatchObject({
      notification: "purchase_receipt",
      status: "open",
      userId: bounced.userId,
      attempts: 1,
      retriedAt: null,
    });
    const badStatus = await api(app, "GET", `${listPath}?status=lost`, { headers: admin.headers });
    expect(badStatus.status).toBe(400);
    const missing = retryPath("00000000-0000-4000-8000-000000000000");
    const unknown = await api(app, "POST", missing, { headers: admin.headers });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("dead_letter_not_found");
    expect((await api(app, "POST", retryPath("nope"), { headers: admin.headers })).status).toBe(
      400,
    );
  });

  it("a retry sends it once, audited, and a second retry is 409", async () => {
    const admin = await signIn(app, { role: "admin" });
    const [retriedBefore, openBefore] = [await counted("retried"), await openGauge()];
    const headers = { ...admin.headers, "x-request-id": "dead-letter-retry-1" };
    // Two at once: the row's lock lets one send; the other finds it retried.
    const answers = await Promise.all([
      api(app, "POST", retryPath(bounced.letterId), { headers }),
      api(app, "POST", retryPath(bounced.letterId), { headers }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const ok = answers.find((a) => a.status === 200)?.body;
    expect(ok).toMatchObject({ status: "sent", retriedBy: admin.userId, attempts: 1 });
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe("already_retried");
    await app.mail.waitForMessage({ to: "bounce@example.com" });
    expect(receipts("bounce@example.com")).toHaveLength(1);
    expect(await notificationsSent(app.pool, bounced.userId)).toHaveLength(1);
    const { rows } = await app.pool.query(
      "SELECT actor_user_id, action, details, request_id FROM audit_log WHERE subject_id = $1",
      [bounced.letterId],
    );
    expect(rows).toEqual([
      {
        actor_user_id: admin.userId,
        action: "notification.retried",
        details: expect.objectContaining({ outcome: "sent" }),
        request_id: "dead-letter-retry-1",
      },
    ]);
    expect((await eventsAbout(bounced.letterId)).map((e) => e.type)).toEqual([
      "notification.dead_lettered",
      "notification.retried",
    ]);
    expect(await counted("retried")).toBe(retriedBefore + 1);
    expect(await openGauge()).toBe(openBefore - 1);
    const again = await api(app, "POST", retryPath(bounced.letterId), { headers });
    expect(again.status).toBe(409);
    expect(receipts("bounce@example.com")).toHaveLength(1);
  });

  it("a retry refused again keeps it open; one already sent is 409 and sends nothing", async () => {
    const admin = await signIn(app, { role: "admin" });
    app.mail.refuseNext(1, { at: "rcpt", code: 550 });
    const refused = await api(app, "POST", retryPath(capped), { headers: admin.headers });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("notification_refused");
    const [stillOpen] = (
      await api(app, "GET", `${listPath}?status=open`, { headers: admin.headers })
    ).body.items.filter((l: { id: string }) => l.id === capped);
    expect(stillOpen).toMatchObject({ status: "open", attempts: 4 });
    expect(receipts("busy@example.com")).toEqual([]);

    const { rows } = await app.pool.query(
      "SELECT key FROM notification_dead_letters WHERE id = $1",
      [uncomposable],
    );
    await app.pool.query(
      `INSERT INTO notifications_sent (key, notification, channel, outcome)
       VALUES ($1, 'purchase_receipt', 'email', 'sent')`,
      [rows[0].key],
    );
    const sent = await api(app, "POST", retryPath(uncomposable), { headers: admin.headers });
    expect(sent.status).toBe(409);
    expect(sent.body.error.code).toBe("already_sent");
    expect(receipts("malformed@example.com")).toHaveLength(1);
    // Found sent, it is settled: no longer open, nor counted as such.
    const settled = await api(app, "GET", `${listPath}?status=sent`, { headers: admin.headers });
    expect(settled.body.items.map((l: { id: string }) => l.id)).toContain(uncomposable);
    expect(await openGauge()).toBe(1);
  });
});

describe("notifications()", () => {
  it("names each notification once (a dead letter is retried by its name)", () => {
    const names = notifications({ dappOrigin }).map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
