import { randomUUID } from "node:crypto";
import { api, signIn, startTestApp, type TestApp } from "@boon/backend/test-support";
import { BOON, creditUser, userBalance } from "@boon/backend/test-support/delivery";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restrictUser } from "../kyc/kyc.repository.ts";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

async function cardUser(credits = 100n * BOON) {
  const wallet = privateKeyToAccount(generatePrivateKey()).address;
  const user = await signIn(app, { wallet });
  await creditUser(app.pool, user.userId, credits);
  return { ...user, wallet };
}

const post = (
  headers: Record<string, string>,
  path: string,
  body: unknown,
  key = `k-${randomUUID()}`,
) => api(app, "POST", path, { body, headers: { ...headers, "idempotency-key": key } });

async function counts() {
  const { rows } = await app.pool.query<{ d: number; j: number; a: number }>(
    `SELECT (SELECT count(*)::int FROM deliveries) AS d, (SELECT count(*)::int FROM ledger_journals) AS j,
            (SELECT count(*)::int FROM audit_log) AS a`,
  );
  return rows[0];
}

describe("POST /v1/withdrawals and /v1/gifts: input and idempotency", () => {
  it("requires a session and an Idempotency-Key", async () => {
    const anonymous = await api(app, "POST", "/v1/gifts", {
      body: { kind: "link", amount: "1" },
      headers: { "idempotency-key": `k-${randomUUID()}` },
    });
    expect(anonymous.status).toBe(401);
    const user = await cardUser();
    const noKey = await api(app, "POST", "/v1/gifts", {
      body: { kind: "link", amount: "1" },
      headers: user.headers,
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe("idempotency_key_required");
  });

  it("refuses to move money on a logged-out session whose access token has not expired yet", async () => {
    const user = await cardUser();
    expect((await api(app, "POST", "/v1/auth/logout", { headers: user.headers })).status).toBe(204);
    const before = await counts();
    for (const [path, body] of [
      ["/v1/withdrawals", { to: user.wallet, amount: BOON.toString() }],
      ["/v1/gifts", { kind: "link", amount: BOON.toString() }],
      ["/v1/purchases", { amountCents: 1_000 }],
    ] as const) {
      const res = await post(user.headers, path, body);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe("unauthenticated");
    }
    expect(await counts()).toEqual(before);
    expect(await userBalance(app.pool, user.userId)).toBe(100n * BOON);
  });

  it("rejects malformed bodies with 400 and writes nothing", async () => {
    const user = await cardUser();
    const before = await counts();
    const bad: unknown[] = [
      { kind: "link", amount: "0" },
      { kind: "link", amount: "-5" },
      { kind: "link", amount: 5 },
      { kind: "link", amount: "1e18" },
      { kind: "link", amount: `1${"0".repeat(80)}` },
      { kind: "link", amount: "1", extra: true },
      { kind: "link", amount: "1", expiresInSeconds: 60 },
      { kind: "link", amount: "1", message: "x".repeat(281) },
      { kind: "link", amount: "1", context: "https://example.com/not-a-post" },
      { kind: "social", platform: "x", accountId: "@handle", amount: "1" },
      { kind: "social", platform: "instagram", accountId: "42", amount: "1" },
      { kind: "address", to: "0x123", amount: "1" },
      { kind: "address", to: "0x0000000000000000000000000000000000000000", amount: "1" },
      { kind: "address", to: "0x'; DROP TABLE deliveries; --", amount: "1" },
      { kind: "carrier-pigeon", amount: "1" },
    ];
    for (const body of bad) {
      const res = await post(user.headers, "/v1/gifts", body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status: 400,
        code: "invalid_request",
      });
    }
    const withdrawal = await post(user.headers, "/v1/withdrawals", {
      to: user.wallet,
      amount: "1",
      kind: "x",
    });
    expect(withdrawal.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(await userBalance(app.pool, user.userId)).toBe(100n * BOON);
  });

  it("replays the same key and body, refuses the same key with another body", async () => {
    const user = await cardUser();
    const key = `k-${randomUUID()}`;
    const body = { to: user.wallet, amount: BOON.toString() };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(user.headers, "/v1/withdrawals", body, key)),
    );
    expect(results.every((res) => res.status === 201)).toBe(true);
    expect(new Set(results.map((res) => res.body.delivery.id)).size).toBe(1);
    expect(await userBalance(app.pool, user.userId)).toBe(99n * BOON);
    const other = await post(user.headers, "/v1/withdrawals", { ...body, amount: "2" }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
  });

  it("refuses a restricted account (a dispute) with 403 and moves nothing", async () => {
    const user = await cardUser(10n * BOON);
    await restrictUser(app.pool, user.userId, "dispute opened");
    for (const [path, body] of [
      ["/v1/withdrawals", { to: user.wallet, amount: "1" }],
      ["/v1/gifts", { kind: "link", amount: "1" }],
    ] as const) {
      const res = await post(user.headers, path, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("account_restricted");
    }
    expect(await userBalance(app.pool, user.userId)).toBe(10n * BOON);
  });

  it("never lets parallel requests spend one balance twice", async () => {
    const user = await cardUser(10n * BOON);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        post(user.headers, "/v1/gifts", { kind: "link", amount: BOON.toString() }),
      ),
    );
    expect(results.filter((res) => res.status === 201)).toHaveLength(10);
    expect(
      results
        .filter((res) => res.status === 422)
        .every((res) => res.body.error.code === "insufficient_balance"),
    ).toBe(true);
    expect(await userBalance(app.pool, user.userId)).toBe(0n);
  });
});

describe("GET /v1/me/deliveries", () => {
  it("pages through the user's own deliveries only, newest first", async () => {
    const user = await cardUser();
    const other = await cardUser();
    await post(other.headers, "/v1/gifts", { kind: "link", amount: "1" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(user.headers, "/v1/gifts", {
        kind: "social",
        platform: "x",
        accountId: String(100 + i),
        amount: String(i + 1),
        context: "1850000000000000001",
      });
      ids.push(res.body.delivery.id);
    }
    const first = await api(app, "GET", "/v1/me/deliveries?limit=3", { headers: user.headers });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual(ids.slice(2).reverse());
    expect(first.body.items[0]).toMatchObject({
      status: "queued",
      type: "gift",
      giftKind: "social",
      recipientLabel: "x:104",
      txHash: null,
      failure: null,
    });
    const second = await api(
      app,
      "GET",
      `/v1/me/deliveries?limit=3&cursor=${first.body.nextCursor}`,
      { headers: user.headers },
    );
    expect(second.body.items.map((item: { id: string }) => item.id)).toEqual(
      ids.slice(0, 2).reverse(),
    );
    expect(second.body.nextCursor).toBeNull();
    const bad = await api(app, "GET", "/v1/me/deliveries?cursor=abc", { headers: user.headers });
    expect(bad.status).toBe(400);
    const anonymous = await api(app, "GET", "/v1/me/deliveries");
    expect(anonymous.status).toBe(401);
  });
});
