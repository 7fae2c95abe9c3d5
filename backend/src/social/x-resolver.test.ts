// The recipient resolver against the local X (app-only bearer token, X's payloads, rate limits).
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { linkX, type SocialTestApp, startSocialTestApp } from "@boon/backend/test-support/social";
import { socialId, xPostContext } from "@boon/contracts";
import {
  startXStandIn,
  X_DEV_ACCOUNTS,
  X_DEV_TWEETS,
  type XStandIn,
} from "@boon/scripts/stand-ins";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { readEventsAfter, START } from "../events/events.repository.ts";
import { createXApi } from "./x-api.ts";
import { createXResolver, NEGATIVE_CACHE_MS } from "./x-resolver.ts";

const { alice, carol } = X_DEV_ACCOUNTS;
const USERNAME = "GET /2/users/by/username/:username";

let app: SocialTestApp;
let user: SignedIn;
beforeAll(async () => {
  app = await startSocialTestApp();
  user = await signIn(app);
});
afterAll(async () => {
  await app.close();
});

const resolve = (q: string, who: SignedIn = user) =>
  api(app, "GET", `/v1/x/resolve?q=${encodeURIComponent(q)}`, { headers: who.headers });

describe("GET /v1/x/resolve", () => {
  it("resolves a handle, a profile link and a twitter.com link to X's numeric id", async () => {
    for (const q of ["@carol", "carol", "x.com/carol", "https://twitter.com/carol/"]) {
      const res = await resolve(q);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        xUserId: carol.id,
        handle: "carol",
        name: "Carol",
        socialId: socialId("x", carol.id),
        profileUrl: "https://x.com/carol",
      });
    }
  });

  it("resolves a post link to its author, with the post as the gift context", async () => {
    const post = X_DEV_TWEETS.carolGm;
    for (const q of [
      `https://x.com/carol/status/${post.id}`,
      `twitter.com/i/web/status/${post.id}`,
    ]) {
      const res = await resolve(q);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        xUserId: carol.id,
        handle: "carol",
        socialId: socialId("x", carol.id),
        postId: post.id,
        postText: post.text,
        context: xPostContext(post.id),
      });
    }
  });

  it("gives clear errors: unknown, suspended, deleted or hidden posts, not an X address", async () => {
    const cases: [string, number, string][] = [
      ["@nobody_here", 404, "x_user_not_found"],
      ["@spammer", 422, "x_user_suspended"],
      [`https://x.com/bob/status/${X_DEV_TWEETS.bobDeleted.id}`, 404, "x_post_not_found"],
      [`https://x.com/dana/status/${X_DEV_TWEETS.danaProtected.id}`, 404, "x_post_not_found"],
      ["https://x.com/carol/status/1999999999999999999", 404, "x_post_not_found"],
      ["https://example.com/carol", 400, "invalid_x_recipient"],
      ["x.com/home", 400, "invalid_x_recipient"],
    ];
    for (const [q, status, code] of cases) {
      const res = await resolve(q);
      expect({ q, status: res.status, code: res.body.error?.code }).toEqual({ q, status, code });
    }
  });

  it("needs a signed-in user and a query", async () => {
    expect((await api(app, "GET", "/v1/x/resolve?q=@carol")).status).toBe(401);
    expect((await api(app, "GET", "/v1/x/resolve", { headers: user.headers })).status).toBe(400);
  });

  it("a renamed handle keeps the id; a linked account's handle follows the rename", async () => {
    const owner = await signIn(app);
    await linkX(app, owner.headers, "alice");
    app.x.renameAccount("alice", "alice_renamed");
    const res = await resolve("@alice_renamed");
    expect(res.body).toMatchObject({ xUserId: alice.id, socialId: socialId("x", alice.id) });
    const me = await api(app, "GET", "/v1/me/x", { headers: owner.headers });
    expect(me.body.handle).toBe("alice_renamed");
    const events = await readEventsAfter(app.pool, START, { limit: 50, userId: owner.userId });
    expect(events.map((e) => e.type)).toContain("x.handle_changed");
  });
});

describe("caching and X's rate limits", () => {
  let x: XStandIn;
  let now: number;
  const resolverOf = (options: { handleCacheSeconds: number }) => {
    const config = loadConfig({
      X_API_URL: x.url,
      X_CLIENT_ID: "boon-local-x-client",
      X_CLIENT_SECRET: "boon-local-x-secret",
      X_BEARER_TOKEN: x.appBearerToken,
    });
    return createXResolver({
      api: createXApi(config.social.x, () => now),
      handleCacheSeconds: options.handleCacheSeconds,
      now: () => now,
    });
  };
  beforeAll(async () => {
    x = await startXStandIn({ rateLimits: { [USERNAME]: { perApp: 3, perUser: 3 } } });
  });
  afterAll(async () => {
    await x.stop();
  });

  it("keeps a handle for its lifetime only: a handle that passes to someone else resolves anew", async () => {
    now = Date.now();
    const resolver = resolverOf({ handleCacheSeconds: 300 });
    expect((await resolver.resolve("@bob")).xUserId).toBe(X_DEV_ACCOUNTS.bob.id);
    x.renameAccount("bob", "bob_old");
    x.addAccount({ id: "1700000000000000099", username: "bob", name: "Another Bob" });
    // Within the lifetime: the cached answer (no call to X).
    expect((await resolver.resolve("@bob")).xUserId).toBe(X_DEV_ACCOUNTS.bob.id);
    now += 301_000;
    expect((await resolver.resolve("@bob")).xUserId).toBe("1700000000000000099");
    expect((await resolver.resolve("@bob_old")).xUserId).toBe(X_DEV_ACCOUNTS.bob.id);
    x.resetRateLimits();
  });

  it("remembers 'not found' for a minute only", async () => {
    now = Date.now();
    const resolver = resolverOf({ handleCacheSeconds: 300 });
    await expect(resolver.resolve("@latecomer")).rejects.toMatchObject({
      code: "x_user_not_found",
    });
    x.addAccount({ id: "1700000000000000100", username: "latecomer", name: "Late" });
    await expect(resolver.resolve("@latecomer")).rejects.toMatchObject({
      code: "x_user_not_found",
    });
    now += NEGATIVE_CACHE_MS + 1;
    expect((await resolver.resolve("@latecomer")).xUserId).toBe("1700000000000000100");
    x.resetRateLimits();
  });

  it("stops at x-rate-limit-remaining 0 until the reset, without calling X", async () => {
    now = Date.now();
    const resolver = resolverOf({ handleCacheSeconds: 0 });
    await resolver.resolve("@carol");
    await resolver.resolve("@carol");
    await resolver.resolve("@carol"); // the window's last request: remaining 0
    x.resetRateLimits(); // X would answer again; Boon still waits for the reset it was given
    const refused = await resolver.resolve("@carol").catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "x_rate_limited", kind: "unavailable" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(800);
    now += 15 * 60_000 + 1000;
    expect((await resolver.resolve("@carol")).xUserId).toBe(carol.id);
    x.resetRateLimits();
  });

  it("turns X's 429 into 503 x_rate_limited with Retry-After for the API's callers", async () => {
    app.x.exhaustRateLimit(USERNAME);
    const res = await resolve("@someone_new");
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("x_rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(800);
    app.x.resetRateLimits();
  });
});

describe("the per-user lookup limit", () => {
  it("refuses a user's lookups past RATE_LIMIT_X_LOOKUPS_PER_MINUTE with 429", async () => {
    const limited = await startSocialTestApp({ env: { RATE_LIMIT_X_LOOKUPS_PER_MINUTE: "2" } });
    try {
      const who = await signIn(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await api(limited, "GET", "/v1/x/resolve?q=@carol", { headers: who.headers });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      const another = await signIn(limited);
      const res = await api(limited, "GET", "/v1/x/resolve?q=@carol", { headers: another.headers });
      expect(res.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
