// X refresh tokens are single-use and rotate: Boon refreshes one account at a time (row lock), so
// concurrent refreshes reach X once; a refresh X refuses (any 400, as X answers a spent token)
// means the user must sign in with X again.
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { linkX, type SocialTestApp, startSocialTestApp } from "@boon/backend/test-support/social";
import { X_DEV_ACCOUNTS, X_DEV_CLIENT } from "@boon/scripts/stand-ins";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEventsAfter, START } from "../events/events.repository.ts";
import { freshAccessToken } from "./x-tokens.ts";

const { alice } = X_DEV_ACCOUNTS;
let app: SocialTestApp;
let user: SignedIn;
beforeAll(async () => {
  app = await startSocialTestApp();
  user = await signIn(app);
  await linkX(app, user.headers, "alice");
});
afterAll(async () => {
  await app.close();
});

const refreshTokensSpent = () =>
  app.x.tokens().filter((t) => t.kind === "refresh_token" && t.used).length;

async function expireAccessToken() {
  await app.pool.query(
    "UPDATE x_accounts SET access_expires_at = now() - interval '1 minute' WHERE user_id = $1",
    [user.userId],
  );
}

/** Spends the account's current refresh token at X behind Boon's back (as a lost race would). */
async function spendRefreshTokenElsewhere() {
  const live = app.x
    .tokens()
    .filter((t) => t.kind === "refresh_token" && t.userId === alice.id && !t.used && !t.revoked);
  expect(live.length).toBe(1);
  const basic = Buffer.from(`${X_DEV_CLIENT.clientId}:${X_DEV_CLIENT.clientSecret}`).toString(
    "base64",
  );
  const res = await fetch(app.x.tokenUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: live[0]?.token ?? "" }),
  });
  expect(res.status).toBe(200);
}

describe("refreshing a linked account's X tokens", () => {
  it("returns the stored access token while it is fresh, without asking X", async () => {
    const before = refreshTokensSpent();
    const token = await freshAccessToken(app.deps.social, user.userId);
    expect(token.xUserId).toBe(alice.id);
    expect(app.x.tokens().find((t) => t.token === token.accessToken)?.kind).toBe("access_token");
    expect(refreshTokensSpent()).toBe(before);
  });

  it("of five concurrent refreshes, one reaches X; all get the new token", async () => {
    await expireAccessToken();
    const before = refreshTokensSpent();
    const issuedBefore = app.x.tokens().length;
    const tokens = await Promise.all(
      [1, 2, 3, 4, 5].map(() => freshAccessToken(app.deps.social, user.userId)),
    );
    expect(refreshTokensSpent()).toBe(before + 1);
    expect(app.x.tokens().length).toBe(issuedBefore + 2); // one new access + refresh pair
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    // The rotated refresh token was stored: the next refresh works too.
    await expireAccessToken();
    await freshAccessToken(app.deps.social, user.userId);
    expect(refreshTokensSpent()).toBe(before + 2);
    const me = await api(app, "GET", "/v1/me/x", { headers: user.headers });
    expect(me.body.status).toBe("active");
  });

  it("keeps the profile current: a stale one is synced with the user's token", async () => {
    app.x.renameAccount("alice", "alice_v2");
    await expireAccessToken();
    await app.pool.query(
      "UPDATE x_accounts SET handle_seen_at = now() - interval '2 days' WHERE user_id = $1",
      [user.userId],
    );
    const me = await api(app, "GET", "/v1/me/x", { headers: user.headers });
    expect(me.body).toMatchObject({ xUserId: alice.id, handle: "alice_v2", status: "active" });
    const events = await readEventsAfter(app.pool, START, { limit: 100, userId: user.userId });
    expect(events.filter((e) => e.type === "x.handle_changed").map((e) => e.payload)).toEqual([
      expect.objectContaining({ previousHandle: "alice", handle: "alice_v2" }),
    ]);
    app.x.renameAccount(alice.id, "alice");
  });

  it("a refresh X refuses (a spent token: 400 invalid_request) asks the user to sign in with X again", async () => {
    await spendRefreshTokenElsewhere();
    await expireAccessToken();
    await expect(freshAccessToken(app.deps.social, user.userId)).rejects.toMatchObject({
      code: "x_relink_required",
    });
    const { rows } = await app.pool.query(
      "SELECT refresh_token_enc, access_token_enc, relink_required_at FROM x_accounts WHERE user_id = $1",
      [user.userId],
    );
    expect(rows[0]).toMatchObject({ refresh_token_enc: null, access_token_enc: null });
    expect(rows[0].relink_required_at).toBeInstanceOf(Date);
    const me = await api(app, "GET", "/v1/me/x", { headers: user.headers });
    expect(me.body.status).toBe("relink_required");
    const events = await readEventsAfter(app.pool, START, { limit: 100, userId: user.userId });
    expect(events.map((e) => e.type)).toContain("x.relink_required");

    // Linking again renews the grant.
    await linkX(app, user.headers, "alice");
    expect((await api(app, "GET", "/v1/me/x", { headers: user.headers })).body.status).toBe(
      "active",
    );
    await expireAccessToken();
    await expect(freshAccessToken(app.deps.social, user.userId)).resolves.toMatchObject({
      xUserId: alice.id,
    });
  });
});
