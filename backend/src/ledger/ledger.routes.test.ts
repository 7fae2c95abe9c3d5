import { api, type SignedIn, signIn, useTestApp } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";
import { withTransaction } from "../db/transaction.ts";
import { SYSTEM, userAccount } from "./accounts.ts";

const app = useTestApp();

async function grant(user: SignedIn, amount: bigint, key: string) {
  await withTransaction(app.pool, async (db) => {
    await app.deps.ledger.openUserAccount(db, user.userId);
    await app.deps.ledger.postJournal(db, {
      key,
      kind: "test.grant",
      userId: user.userId,
      entries: [
        { account: SYSTEM.creditsIssued, amount: -amount },
        { account: userAccount(user.userId), amount },
      ],
    });
  });
}

describe("GET /v1/me/balance and /v1/me/ledger", () => {
  it("shows each user only their own balance and entries", async () => {
    const a = await signIn(app);
    const b = await signIn(app);
    await grant(a, 7n, "scope-a-1");
    const balanceB = await api(app, "GET", "/v1/me/balance", { headers: b.headers });
    expect(balanceB.body).toMatchObject({ balance: "0", withdrawable: "0" });
    expect((await api(app, "GET", "/v1/me/ledger", { headers: b.headers })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    const balanceA = await api(app, "GET", "/v1/me/balance", { headers: a.headers });
    expect(balanceA.body).toMatchObject({ balance: "7" });
  });

  it("paginates newest first with a cursor", async () => {
    const user = await signIn(app);
    for (let i = 1; i <= 5; i++) await grant(user, BigInt(i), `page-${user.userId}-${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { amount: string }[]; nextCursor: string | null } } = await api(
        app,
        "GET",
        `/v1/me/ledger?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { headers: user.headers },
      );
      seen.push(...page.body.items.map((item) => item.amount));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["5", "4", "3", "2", "1"]);
  });

  it("rejects bad query strings with 400 and unauthenticated calls with 401", async () => {
    const user = await signIn(app);
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "cursor=-1",
      "cursor=1%27%20OR%201%3D1",
      "cursor=99999999999999999999",
      "extra=1",
    ]) {
      const res = await api(app, "GET", `/v1/me/ledger?${query}`, { headers: user.headers });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toMatch(/invalid_request|invalid_cursor/);
    }
    expect((await api(app, "GET", "/v1/me/balance?x=1", { headers: user.headers })).status).toBe(
      400,
    );
    expect((await api(app, "GET", "/v1/me/balance")).status).toBe(401);
    expect((await api(app, "GET", "/v1/me/ledger")).status).toBe(401);
  });
});
