import { api, signIn } from "@boon/backend/test-support";
import { type MoneyTestApp, paidPurchase } from "@boon/backend/test-support/money-app";
import { useNotifiers } from "@boon/backend/test-support/notifiers";
import { beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../audit/audit.repository.ts";
import type { StoredEvent } from "../events/consumer.ts";
import type { DeadLetter } from "./dead-letters.repository.ts";
import { notifications } from "./index.ts";
import { notificationsSent } from "./notifications.repository.ts";
import { type RetryPolicy, startNotifier } from "./notifier.ts";
import { purchaseReceipt } from "./purchase-receipt.ts";

const retry: RetryPolicy = { maxAttempts: 3, retryMs: 50, maxRetryMs: 200 };
const notifiers = useNotifiers(retry);
const { caughtUp, stopAll, receipts, dappOrigin } = notifiers;
let app: MoneyTestApp;
beforeAll(() => {
  app = notifiers.app;
});

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
    notifiers.run([
      startNotifier(
        notifiers.deps(),
        {
          ...receipt,
          compose: (db, event) =>
            malformed(event) ? Promise.reject(new Error("malformed")) : receipt.compose(db, event),
        },
        retry,
      ),
    ]);
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
    notifiers.run();
  });

  it("a restart or a replay after dead-lettering sends nothing again", async () => {
    const openBefore = await openGauge();
    await notifiers.restart();
    expect(receipts("bounce@example.com")).toEqual([]);
    await notifiers.restart({ replay: true });
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
    const user = await signIn(app, { role: "user" });
    const analyst = await signIn(app, { role: "analyst" });
    const answers = [];
    for (const headers of [{}, user.headers, analyst.headers]) {
      answers.push(await api(app, "GET", listPath, { headers }));
      answers.push(await api(app, "POST", retryPath(bounced.letterId), { headers }));
    }
    expect(answers.map((a) => a.status)).toEqual([401, 401, 403, 403, 403, 403]);
    expect(answers.slice(2).map((a) => a.body.error.code)).toEqual(Array(4).fill("forbidden"));
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
    const audit = await listAudit(app.pool, "notification_dead_letter", bounced.letterId);
    expect(audit).toMatchObject([
      {
        actorUserId: admin.userId,
        action: "notification.retried",
        details: { outcome: "sent", key: expect.stringMatching(/^purchase_receipt:/) },
        requestId: "dead-letter-retry-1",
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
