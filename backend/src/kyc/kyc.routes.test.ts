import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { useMoneyTestApp } from "@boon/backend/test-support/money-app";
import { describe, expect, it } from "vitest";
import { setTier } from "./kyc.repository.ts";

const app = useMoneyTestApp();

const BOON = 10n ** 18n;

async function counts() {
  const { rows } = await app.pool.query(
    `SELECT (SELECT count(*)::int FROM kyc_verifications) AS v, (SELECT count(*)::int FROM user_limits) AS l,
            (SELECT count(*)::int FROM audit_log) AS a`,
  );
  return rows[0];
}

async function limits(user: SignedIn) {
  return (await api(app, "GET", "/v1/me/limits", { headers: user.headers })).body;
}

describe("KYC tiers and Stripe Identity upgrades", () => {
  it("starts at BASIC with the full $100 available", async () => {
    const user = await signIn(app);
    expect(await limits(user)).toMatchObject({
      tier: "BASIC",
      limitCents: 10_000,
      usedCents: 0,
      remainingCents: 10_000,
      nextReleaseAt: null,
      withdrawalHoldHours: 72,
    });
  });

  it("upgrades the tier when the identity page verifies, once, and never downgrades", async () => {
    const user = await signIn(app);
    const started = await api(app, "POST", "/v1/kyc/verifications", {
      body: { targetTier: "PREMIUM" },
      headers: user.headers,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ targetTier: "PREMIUM", status: "requires_input" });
    expect(await (await fetch(started.body.url)).text()).toContain("Verify identity");

    const failed = await fetch(`${started.body.url}/fail`, { method: "POST", redirect: "manual" });
    expect(failed.status).toBe(200);
    expect((await limits(user)).tier).toBe("BASIC");

    const verified = await fetch(`${started.body.url}/verify`, {
      method: "POST",
      redirect: "manual",
    });
    expect(verified.status).toBe(303);
    expect(await limits(user)).toMatchObject({
      tier: "PREMIUM",
      limitCents: 1_000_000,
      withdrawalHoldHours: 0,
    });

    // A later (or replayed) lower-tier verification leaves PREMIUM in place.
    await setTier(app.pool, user.userId, "BASIC");
    const standard = await api(app, "POST", "/v1/kyc/verifications", {
      body: { targetTier: "STANDARD" },
      headers: user.headers,
    });
    await setTier(app.pool, user.userId, "PREMIUM");
    await app.stripeStandIn.completeVerification(standard.body.url.split("/").at(-1), "verified");
    expect((await limits(user)).tier).toBe("PREMIUM");
    const list = await api(app, "GET", "/v1/kyc/verifications", { headers: user.headers });
    expect(list.body.items.map((v: { status: string }) => v.status)).toEqual([
      "verified",
      "verified",
    ]);
  });

  it("rejects bad verification requests with 4xx and writes nothing", async () => {
    const user = await signIn(app);
    await setTier(app.pool, user.userId, "STANDARD");
    for (const [body, status, code] of [
      [{ targetTier: "BASIC" }, 400, "invalid_request"],
      [{ targetTier: "GOLD" }, 400, "invalid_request"],
      [{ targetTier: "PREMIUM", extra: 1 }, 400, "invalid_request"],
      [{}, 400, "invalid_request"],
      [{ targetTier: "STANDARD" }, 409, "tier_already_reached"],
    ] as const) {
      const before = await counts();
      const res = await api(app, "POST", "/v1/kyc/verifications", { body, headers: user.headers });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(await counts()).toEqual(before);
    }
    expect((await api(app, "GET", "/v1/me/limits?x=1", { headers: user.headers })).status).toBe(
      400,
    );
    expect((await api(app, "GET", "/v1/me/limits")).status).toBe(401);
  });
});

describe("withdrawal hold (for delivery)", () => {
  it("keeps new card credits non-withdrawable for the tier's hold; zero when restricted", async () => {
    const user = await signIn(app);
    const created = await api(app, "POST", "/v1/purchases", {
      body: { amountCents: 1000 },
      headers: { ...user.headers, "idempotency-key": "hold-test-1" },
    });
    const { rows } = await app.pool.query(
      "SELECT stripe_session_id AS s FROM purchases WHERE id = $1",
      [created.body.id],
    );
    await app.stripeStandIn.pay(rows[0].s);
    const { ledger } = app.deps;
    expect(await ledger.balance(app.pool, user.userId)).toBe(100n * BOON);
    expect(await ledger.withdrawableBalance(app.pool, user.userId)).toBe(0n);
    await setTier(app.pool, user.userId, "PREMIUM"); // hold 0 h
    expect(await ledger.withdrawableBalance(app.pool, user.userId)).toBe(100n * BOON);
    await app.pool.query("UPDATE user_limits SET restricted = true WHERE user_id = $1", [
      user.userId,
    ]);
    expect(await ledger.withdrawableBalance(app.pool, user.userId)).toBe(0n);
  });
});
