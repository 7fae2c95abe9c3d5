import { api, signIn } from "@boon/backend/test-support";
import {
  type MoneyTestApp,
  paidPurchase,
  startMoneyTestApp,
} from "@boon/backend/test-support/money-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdsOf } from "./holds.ts";

const BOON = 10n ** 18n;
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * HOUR);

describe("holdsOf", () => {
  it("releases each held purchase when its hold ends", () => {
    const holds = holdsOf(100n, false, [
      { amount: 30n, releaseAt: at(5) },
      { amount: 50n, releaseAt: at(2) },
    ]);
    expect(holds).toEqual({
      available: 20n,
      held: 80n,
      releases: [
        { amount: 50n, at: at(2) },
        { amount: 30n, at: at(5) },
      ],
    });
  });

  it("releases only what is left of the balance when held credits were spent", () => {
    // 80 bought by card, 50 of them already sent as an escrowed gift: 30 left, all held.
    const holds = holdsOf(30n, false, [
      { amount: 50n, releaseAt: at(1) },
      { amount: 30n, releaseAt: at(4) },
      { amount: 1n, releaseAt: at(4) },
    ]);
    expect(holds.available).toBe(0n);
    expect(holds.held).toBe(30n);
    // Once the first hold ends, 31 are still held: nothing is freed; then all 30 at hour 4.
    expect(holds.releases).toEqual([{ amount: 30n, at: at(4) }]);
  });

  it("gives no dates for a restricted account", () => {
    expect(holdsOf(70n, true, [{ amount: 70n, releaseAt: at(1) }])).toEqual({
      available: 0n,
      held: 70n,
      releases: [],
    });
  });
});

describe("GET /v1/me/holds", () => {
  let app: MoneyTestApp;
  beforeAll(async () => {
    app = await startMoneyTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("says what is withdrawable now and when the rest becomes so, as withdrawals apply it", async () => {
    const user = await signIn(app);
    const old = await paidPurchase(app, user.headers, 1_000);
    // The first purchase was paid four days ago: past the BASIC hold of 72 h.
    await app.pool.query(
      "UPDATE purchases SET paid_at = now() - interval '96 hours' WHERE id = $1",
      [old.id],
    );
    const recent = await paidPurchase(app, user.headers, 500);
    const { rows } = await app.pool.query<{ paid_at: Date }>(
      "SELECT paid_at FROM purchases WHERE id = $1",
      [recent.id],
    );
    const releaseAt = new Date((rows[0] as { paid_at: Date }).paid_at.getTime() + 72 * HOUR);

    const holds = await api(app, "GET", "/v1/me/holds", { headers: user.headers });
    expect(holds.status).toBe(200);
    expect(holds.body).toEqual({
      available: (100n * BOON).toString(),
      held: (50n * BOON).toString(),
      releases: [{ amount: (50n * BOON).toString(), at: releaseAt.toISOString() }],
    });
    const balance = await api(app, "GET", "/v1/me/balance", { headers: user.headers });
    expect(balance.body.withdrawable).toBe(holds.body.available);

    await app.pool.query("UPDATE user_limits SET restricted = true WHERE user_id = $1", [
      user.userId,
    ]);
    const restricted = await api(app, "GET", "/v1/me/holds", { headers: user.headers });
    expect(restricted.body).toEqual({
      available: "0",
      held: (150n * BOON).toString(),
      releases: [],
    });
  });

  it("is empty for a new user and refuses the signed-out", async () => {
    const user = await signIn(app);
    const holds = await api(app, "GET", "/v1/me/holds", { headers: user.headers });
    expect(holds.body).toEqual({ available: "0", held: "0", releases: [] });
    expect((await api(app, "GET", "/v1/me/holds")).status).toBe(401);
  });
});
