// POST /v1/gifts to an X account named by handle or link (the on-chain delivery is in
// social.chain.test.ts): resolved through the local X, queued as a social gift for the account's id.
import { randomUUID } from "node:crypto";
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { BOON, creditUser, userBalance } from "@boon/backend/test-support/delivery";
import { type SocialTestApp, startSocialTestApp } from "@boon/backend/test-support/social";
import { socialId, xPostContext } from "@boon/contracts";
import { X_DEV_ACCOUNTS, X_DEV_TWEETS } from "@boon/scripts/stand-ins";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xReply } from "./x-gift.ts";

const { carol } = X_DEV_ACCOUNTS;
let app: SocialTestApp;
let sender: SignedIn;
beforeAll(async () => {
  app = await startSocialTestApp();
  sender = await signIn(app, { email: "sender@example.com" });
  await creditUser(app.pool, sender.userId, 100n * BOON);
});
afterAll(async () => {
  await app.close();
});

const gift = (body: unknown, key = `k-${randomUUID()}`) =>
  api(app, "POST", "/v1/gifts", {
    body,
    headers: { ...sender.headers, "idempotency-key": key },
  });

describe("POST /v1/gifts to an X account", () => {
  it("resolves @handle to X's id and queues a social gift for socialId(x, id)", async () => {
    const res = await gift({
      kind: "x",
      to: "@carol",
      amount: (5n * BOON).toString(),
      message: "gm",
    });
    expect(res.status).toBe(201);
    expect(res.body.delivery).toMatchObject({
      type: "gift",
      giftKind: "social",
      status: "queued",
      recipient: socialId("x", carol.id),
      recipientLabel: `x:${carol.id}`,
      message: "gm",
    });
    const { claimPageUrl } = app.config.social.x;
    expect(res.body.x).toMatchObject({
      xUserId: carol.id,
      handle: "carol",
      name: "Carol",
      socialId: socialId("x", carol.id),
      profileUrl: "https://x.com/carol",
      reply: { claimUrl: claimPageUrl },
    });
    const intent = new URL(res.body.x.reply.intentUrl);
    expect(intent.origin + intent.pathname).toBe("https://x.com/intent/post");
    expect(intent.searchParams.get("in_reply_to")).toBeNull();
    expect(intent.searchParams.get("text")).toBe(res.body.x.reply.text);
    expect(res.body.x.reply.text).toContain("@carol");
    expect(res.body.x.reply.text).toContain(claimPageUrl);
    expect(await userBalance(app.pool, sender.userId)).toBe(95n * BOON);
  });

  it("a post link gifts its author with the post as context, and the reply answers the post", async () => {
    const post = X_DEV_TWEETS.carolGm;
    const res = await gift({
      kind: "x",
      to: `https://x.com/carol/status/${post.id}`,
      amount: BOON.toString(),
    });
    expect(res.status).toBe(201);
    expect(res.body.delivery).toMatchObject({
      recipient: socialId("x", carol.id),
      context: xPostContext(post.id),
    });
    expect(res.body.x).toMatchObject({ postId: post.id, context: xPostContext(post.id) });
    expect(new URL(res.body.x.reply.intentUrl).searchParams.get("in_reply_to")).toBe(post.id);
    const clash = await gift({
      kind: "x",
      to: `https://x.com/carol/status/${post.id}`,
      context: X_DEV_TWEETS.aliceThread.id,
      amount: BOON.toString(),
    });
    expect(clash.status).toBe(400);
    expect(clash.body.error.code).toBe("context_conflict");
  });

  it("replays a retried request from its stored answer without asking X again", async () => {
    const key = `k-${randomUUID()}`;
    const body = { kind: "x", to: "x.com/carol", amount: BOON.toString() };
    const first = await gift(body, key);
    expect(first.status).toBe(201);
    app.x.exhaustRateLimit("GET /2/users/by/username/:username");
    const replay = await gift(body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    // A new gift does need X, which is refusing now: nothing is debited.
    const balance = await userBalance(app.pool, sender.userId);
    const limited = await gift({ kind: "x", to: "@bob", amount: BOON.toString() });
    expect(limited.status).toBe(503);
    expect(limited.body.error.code).toBe("x_rate_limited");
    expect(limited.headers.get("retry-after")).not.toBeNull();
    expect(await userBalance(app.pool, sender.userId)).toBe(balance);
  });

  it("refuses unknown and suspended accounts before any money moves", async () => {
    const fresh = await startSocialTestApp();
    try {
      const who = await signIn(fresh);
      await creditUser(fresh.pool, who.userId, 10n * BOON);
      for (const [to, status, code] of [
        ["@nobody_here", 404, "x_user_not_found"],
        ["@spammer", 422, "x_user_suspended"],
        [`https://x.com/bob/status/${X_DEV_TWEETS.bobDeleted.id}`, 404, "x_post_not_found"],
        ["not a handle!", 400, "invalid_x_recipient"],
      ] as const) {
        const res = await api(fresh, "POST", "/v1/gifts", {
          body: { kind: "x", to, amount: BOON.toString() },
          headers: { ...who.headers, "idempotency-key": `k-${randomUUID()}` },
        });
        expect({ to, status: res.status, code: res.body.error?.code }).toEqual({
          to,
          status,
          code,
        });
      }
      expect(await userBalance(fresh.pool, who.userId)).toBe(10n * BOON);
      const { rows } = await fresh.pool.query("SELECT count(*)::int AS n FROM deliveries");
      expect(rows[0].n).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe("xReply", () => {
  it("builds X's web intent with the text encoded and the post to answer", () => {
    const reply = xReply({
      handle: "carol",
      postId: "123",
      amount: 2_500_000_000_000_000_000n,
      claimPageUrl: "https://app.boon.example/claim/x",
    });
    expect(reply.text).toBe(
      "@carol I sent you a gift of 2.5 BOON 🎁 Claim it with your X account: https://app.boon.example/claim/x",
    );
    expect(reply.intentUrl).toBe(
      `https://x.com/intent/post?text=${encodeURIComponent(reply.text)}&in_reply_to=123`,
    );
  });
});
