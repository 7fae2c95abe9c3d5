import { api, signIn } from "@boon/backend/test-support";
import { type MoneyTestApp, startMoneyTestApp } from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let app: MoneyTestApp;
beforeAll(async () => {
  app = await startMoneyTestApp();
});
afterAll(async () => {
  await app.close();
});

const BOON = 10n ** 18n;

async function moneyCounts() {
  const { rows } = await app.pool.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM purchases) AS purchases,
            (SELECT count(*)::int FROM ledger_journals) AS journals,
            (SELECT count(*)::int FROM idempotency_keys) AS idempotency,
            (SELECT count(*)::int FROM audit_log) AS audit,
            (SELECT count(*)::int FROM kyc_verifications) AS verifications`,
  );
  return rows[0];
}

function buy(headers: Record<string, string>, key: string, body: unknown = { amountCents: 500 }) {
  return api(app, "POST", "/v1/purchases", {
    body,
    headers: { ...headers, "idempotency-key": key },
  });
}

describe("POST /v1/purchases -> Stripe Checkout -> webhook -> credits", () => {
  it("credits the user once the hosted test page is paid", async () => {
    const user = await signIn(app);
    const created = await buy(user.headers, "purchase-e2e-1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "open",
      amountCents: 500,
      credits: (50n * BOON).toString(),
    });

    // The hosted page is a real HTML form: pressing "Pay" posts back and sends signed webhooks.
    const page = await fetch(created.body.checkoutUrl);
    expect(await page.text()).toContain("Pay with async method");
    const paid = await fetch(`${created.body.checkoutUrl}/pay`, {
      method: "POST",
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toContain(`/buy/success?purchase=${created.body.id}`);

    const status = await api(app, "GET", `/v1/purchases/${created.body.id}`, {
      headers: user.headers,
    });
    expect(status.body).toMatchObject({ status: "paid", checkoutUrl: null });
    const balance = await api(app, "GET", "/v1/me/balance", { headers: user.headers });
    expect(balance.body).toEqual({
      asset: "BOON",
      decimals: 18,
      balance: (50n * BOON).toString(),
      withdrawable: "0",
    });
    const ledger = await api(app, "GET", "/v1/me/ledger", { headers: user.headers });
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({
      kind: "purchase.credit",
      amount: (50n * BOON).toString(),
    });
    const audit = await app.pool.query(
      "SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id",
      [created.body.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["purchase.created", "purchase.paid"]);
  });

  it("async payment: processing first, credited on async_payment_succeeded; failed async credits nothing", async () => {
    const user = await signIn(app);
    const ok = await buy(user.headers, "purchase-async-ok");
    const bad = await buy(user.headers, "purchase-async-bad", { amountCents: 700 });
    const okSession = app.stripeStandIn.session(await sessionIdOf(ok.body.id));
    const badSession = app.stripeStandIn.session(await sessionIdOf(bad.body.id));
    await app.stripeStandIn.pay(okSession?.id as string, "async");
    await app.stripeStandIn.pay(badSession?.id as string, "async_fail");
    expect(
      (await api(app, "GET", `/v1/purchases/${ok.body.id}`, { headers: user.headers })).body.status,
    ).toBe("paid");
    expect(
      (await api(app, "GET", `/v1/purchases/${bad.body.id}`, { headers: user.headers })).body
        .status,
    ).toBe("failed");
    expect((await api(app, "GET", "/v1/me/balance", { headers: user.headers })).body.balance).toBe(
      (50n * BOON).toString(),
    );
  });
});

describe("abandoned, declined and cancelled checkouts (KYC capacity)", () => {
  const limits = async (user: { headers: Record<string, string> }) =>
    (await api(app, "GET", "/v1/me/limits", { headers: user.headers })).body;

  it("a checkout lives about 30 minutes, and the API says what it holds and until when", async () => {
    const user = await signIn(app);
    const created = await buy(user.headers, "hold-30m", { amountCents: 2500 });
    const session = app.stripeStandIn.session(await sessionIdOf(created.body.id));
    // 30 minutes, plus a minute for the two clocks to differ (Stripe refuses less than 30).
    expect(Math.abs(session.expires_at - session.created - 31 * 60)).toBeLessThanOrEqual(1);
    const until = new Date(session.expires_at * 1000).toISOString();
    expect(created.body.reservedUntil).toBe(until);
    expect(await limits(user)).toMatchObject({
      usedCents: 2500,
      reservedCents: 2500,
      reservations: [{ purchaseId: created.body.id, amountCents: 2500, reservedUntil: until }],
      nextReleaseAt: until,
    });
  });

  it("Cancel on the checkout page, then the dApp's cancel page: expired at Stripe, released at once", async () => {
    const user = await signIn(app);
    const created = await buy(user.headers, "purchase-cancel-1", { amountCents: 10_000 });
    const sessionId = await sessionIdOf(created.body.id);
    // As on Stripe, the page's Cancel only sends the browser back to the cancel URL ...
    const pressed = await fetch(`${created.body.checkoutUrl}/cancel`, {
      method: "POST",
      redirect: "manual",
    });
    expect(pressed.headers.get("location")).toContain(`/buy/cancelled?purchase=${created.body.id}`);
    expect(app.stripeStandIn.session(sessionId).status).toBe("open");
    expect((await limits(user)).remainingCents).toBe(0);
    // ... and the page it lands on asks the backend to cancel the purchase.
    const cancelled = await api(app, "POST", `/v1/purchases/${created.body.id}/cancel`, {
      headers: user.headers,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: "expired",
      checkoutUrl: null,
      reservedUntil: null,
    });
    expect(app.stripeStandIn.session(sessionId).status).toBe("expired");
    expect(await limits(user)).toMatchObject({
      usedCents: 0,
      remainingCents: 10_000,
      reservations: [],
    });
    // Twice is the same; the webhook Stripe sends about the expiry changes nothing more.
    const again = await api(app, "POST", `/v1/purchases/${created.body.id}/cancel`, {
      headers: user.headers,
    });
    expect(again.body.status).toBe("expired");
    const audits = await app.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'purchase.expired'",
      [created.body.id],
    );
    expect(audits.rows[0].n).toBe(1);
  });

  it("a declined card keeps the checkout open until it expires or is cancelled", async () => {
    const user = await signIn(app);
    const created = await buy(user.headers, "declined-1", { amountCents: 200 });
    const declined = await fetch(`${created.body.checkoutUrl}/decline`, { method: "POST" });
    expect(declined.status).toBe(402);
    expect((await limits(user)).reservedCents).toBe(200);
    await api(app, "POST", `/v1/purchases/${created.body.id}/cancel`, { headers: user.headers });
    expect((await limits(user)).reservedCents).toBe(0);
  });

  it("a paid purchase cannot be cancelled; others' purchases are 404", async () => {
    const user = await signIn(app);
    const other = await signIn(app);
    const created = await buy(user.headers, "paid-then-cancel", { amountCents: 300 });
    await app.stripeStandIn.pay(await sessionIdOf(created.body.id));
    const cancel = (headers: Record<string, string>) =>
      api(app, "POST", `/v1/purchases/${created.body.id}/cancel`, { headers });
    expect((await cancel(other.headers)).status).toBe(404);
    const res = await cancel(user.headers);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("paid");
    expect((await limits(user)).usedCents).toBe(300);
  });

  it("a checkout past its expiry stops holding capacity even before Stripe's webhook arrives", async () => {
    const user = await signIn(app);
    const created = await buy(user.headers, "lost-webhook", { amountCents: 400 });
    await app.pool.query(
      "UPDATE purchases SET checkout_expires_at = now() - interval '1 second' WHERE id = $1",
      [created.body.id],
    );
    expect(await limits(user)).toMatchObject({ usedCents: 0, reservedCents: 0, reservations: [] });
  });
});

async function sessionIdOf(purchaseId: string): Promise<string> {
  const { rows } = await app.pool.query<{ s: string }>(
    "SELECT stripe_session_id AS s FROM purchases WHERE id = $1",
    [purchaseId],
  );
  return (rows[0] as { s: string }).s;
}

describe("idempotency (rule 9 and the Idempotency-Key contract)", () => {
  it("50 parallel requests with one key create exactly one purchase and one Stripe session", async () => {
    const user = await signIn(app);
    const sessionsBefore = app.stripeStandIn.events().length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => buy(user.headers, "same-key-50-parallel")),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(responses.map((r) => r.body.checkoutUrl)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(
      49,
    );
    const { rows } = await app.pool.query(
      "SELECT count(*)::int AS n FROM purchases WHERE user_id = $1",
      [user.userId],
    );
    expect(rows[0].n).toBe(1);
    expect(app.stripeStandIn.events().length).toBe(sessionsBefore);
  });

  it("same key with a different body is 409 idempotency_conflict and writes nothing", async () => {
    const user = await signIn(app);
    expect((await buy(user.headers, "conflict-key-1", { amountCents: 500 })).status).toBe(201);
    const before = await moneyCounts();
    const again = await buy(user.headers, "conflict-key-1", { amountCents: 600 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("idempotency_conflict");
    expect(await moneyCounts()).toEqual(before);
  });

  it("keys are per user: another user's same key is a new purchase", async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const ra = await buy(a.headers, "shared-key-abc");
    const rb = await buy(b.headers, "shared-key-abc");
    expect(ra.body.id).not.toBe(rb.body.id);
  });
});

describe("KYC limit under concurrency (rule 6)", () => {
  it("50 parallel purchases by one user never reserve more than the BASIC limit", async () => {
    const user = await signIn(app);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        buy(user.headers, `limit-burst-${i}`, { amountCents: 900 }),
      ),
    );
    const ok = responses.filter((r) => r.status === 201);
    expect(ok).toHaveLength(11); // floor(10_000 / 900)
    for (const r of responses.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("kyc_limit_exceeded");
    }
    const { rows } = await app.pool.query(
      "SELECT coalesce(sum(amount_cents), 0)::int AS total FROM purchases WHERE user_id = $1",
      [user.userId],
    );
    expect(rows[0].total).toBeLessThanOrEqual(10_000);
    const limits = await api(app, "GET", "/v1/me/limits", { headers: user.headers });
    expect(limits.body).toMatchObject({ usedCents: 9_900, remainingCents: 100 });
    // Unpaid checkouts hold their capacity until they expire (about 30 minutes), not 24 hours.
    const releasedIn = Date.parse(limits.body.nextReleaseAt) - Date.now();
    expect(releasedIn).toBeGreaterThan(29 * 60 * 1000);
    expect(releasedIn).toBeLessThanOrEqual(31 * 60 * 1000 + 1000);
  });
});

describe("bad input on purchase endpoints -> 4xx, nothing written (rule 9)", () => {
  const cases: {
    name: string;
    body?: unknown;
    raw?: string;
    key?: string | null;
    status: number;
    code: string;
  }[] = [
    {
      name: "missing key",
      body: { amountCents: 500 },
      key: null,
      status: 400,
      code: "idempotency_key_required",
    },
    {
      name: "malformed key",
      body: { amountCents: 500 },
      key: "short",
      status: 400,
      code: "invalid_idempotency_key",
    },
    { name: "string amount", body: { amountCents: "500" }, status: 400, code: "invalid_request" },
    { name: "float amount", body: { amountCents: 5.5 }, status: 400, code: "invalid_request" },
    { name: "zero amount", body: { amountCents: 0 }, status: 400, code: "invalid_request" },
    { name: "negative amount", body: { amountCents: -500 }, status: 400, code: "invalid_request" },
    {
      name: "overflowing amount",
      body: { amountCents: 2 ** 64 },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "above the maximum",
      body: { amountCents: 1_000_001 },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "below the minimum",
      body: { amountCents: 99 },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "unknown field",
      body: { amountCents: 500, userId: "x" },
      status: 400,
      code: "invalid_request",
    },
    {
      name: "SQL meta-characters",
      body: { amountCents: "500'; DROP TABLE purchases;--" },
      status: 400,
      code: "invalid_request",
    },
    { name: "invalid JSON", raw: "{amountCents: 5", status: 400, code: "invalid_json" },
    {
      name: "oversized body",
      raw: JSON.stringify({ amountCents: 500, pad: "x".repeat(70_000) }),
      status: 413,
      code: "payload_too_large",
    },
    {
      name: "over the KYC limit",
      body: { amountCents: 10_001 },
      status: 422,
      code: "kyc_limit_exceeded",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const user = await signIn(app);
      const before = await moneyCounts();
      const headers: Record<string, string> = { ...user.headers };
      if (c.key !== null)
        headers["idempotency-key"] = c.key ?? `bad-input-${c.name.replace(/\W/g, "-")}`;
      const res = await api(app, "POST", "/v1/purchases", {
        headers,
        ...(c.raw === undefined ? { body: c.body } : { rawBody: c.raw }),
      });
      expect(res.status).toBe(c.status);
      expect(res.body.error.code).toBe(c.code);
      expect(typeof res.body.error.message).toBe("string");
      expect(await moneyCounts()).toEqual(before);
    });
  }

  it("requires sign-in", async () => {
    const res = await api(app, "POST", "/v1/purchases", {
      body: { amountCents: 500 },
      headers: { "idempotency-key": "anon-key-123" },
    });
    expect(res.status).toBe(401);
  });

  it("GET /v1/purchases/:id rejects a non-UUID and hides other users' purchases", async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    const created = await buy(a.headers, "owner-only-1");
    expect(
      (await api(app, "GET", "/v1/purchases/1%27%20OR%201=1", { headers: a.headers })).status,
    ).toBe(400);
    const other = await api(app, "GET", `/v1/purchases/${created.body.id}`, { headers: b.headers });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("purchase_not_found");
  });
});
