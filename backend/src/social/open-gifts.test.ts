// GET /v1/me/x/gifts over the indexer's views (a schema of this test's own, laid out as Ponder's).
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import { createIndexerViews, setIndexedHead } from "@boon/backend/test-support/indexer-views";
import { linkX, type SocialTestApp, startSocialTestApp } from "@boon/backend/test-support/social";
import { devAccounts, GiftKind, socialId, xPostContext } from "@boon/contracts";
import { X_DEV_ACCOUNTS } from "@boon/scripts/stand-ins";
import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const VIEWS = "test_x_views";
const VAULT = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
const TOKEN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const { alice, bob } = X_DEV_ACCOUNTS;
const aliceSocial = socialId("x", alice.id);
const POST = "1850000000000000002";
const stranger = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
const treasury = devAccounts.treasury.address.toLowerCase();
const now = Math.floor(Date.now() / 1000);
const DAY = 86_400;

let app: SocialTestApp;
let user: SignedIn;
beforeAll(async () => {
  app = await startSocialTestApp({
    env: {
      INDEXER_VIEWS_SCHEMA: VIEWS,
      GIFT_VAULT_ADDRESS: VAULT,
      BOON_TOKEN_ADDRESS: getAddress(TOKEN),
    },
  });
  user = await signIn(app);
  await linkX(app, user.headers, "alice");
  await createIndexerViews(app.pool, VIEWS);
  await setIndexedHead(app.pool, VIEWS, { chainId: app.config.chainId, block: 50, timestamp: now });
  const rows: [string, number, string, string, number, number, string | null, string][] = [
    // id, gift id, recipient, status, amount, expiry, context, sender
    ["open-soon", 1, aliceSocial, "pending", 10, now + DAY, xPostContext(POST), treasury],
    ["open-later", 2, aliceSocial, "pending", 20, now + 2 * DAY, null, stranger],
    ["claimed", 3, aliceSocial, "claimed", 30, now + DAY, null, stranger],
    ["refunded", 4, aliceSocial, "refunded", 40, now - DAY, null, stranger],
    ["too-late", 5, aliceSocial, "pending", 50, now + 60, null, stranger],
    ["expired", 6, aliceSocial, "pending", 60, now - 10, null, stranger],
    ["bobs", 7, socialId("x", bob.id), "pending", 70, now + DAY, null, stranger],
  ];
  for (const [eventId, giftId, recipient, status, amount, expiry, context, sender] of rows)
    await app.pool.query(
      `INSERT INTO ${VIEWS}.gift (event_id, entry, gift_id, kind, token, sender, recipient, amount,
         expiry, context, message, status, sent_block, sent_timestamp, sent_tx)
       VALUES ($1, 0, $2, 'social', $3, $4, $5, $6, $7, $8, $9, $10, 10, $11, $12)`,
      [
        eventId,
        giftId,
        TOKEN,
        sender,
        recipient,
        amount,
        expiry,
        context,
        `msg ${eventId}`,
        status,
        now - 100,
        `0x${"ab".repeat(32)}`,
      ],
    );
});
afterAll(async () => {
  await app.close();
});

const gifts = (who: SignedIn = user) => api(app, "GET", "/v1/me/x/gifts", { headers: who.headers });

describe("GET /v1/me/x/gifts", () => {
  it("lists the linked account's open gifts, soonest expiry first, with the fields a claim passes back", async () => {
    const res = await gifts();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      chainId: app.config.chainId,
      vault: VAULT,
      socialId: aliceSocial,
      account: { xUserId: alice.id, handle: "alice", name: "Alice" },
      totals: [{ token: getAddress(TOKEN), amount: "30", count: 2 }],
      more: false,
      indexedAt: new Date(now * 1000).toISOString(),
    });
    expect(res.body.gifts.map((g: { giftId: string }) => g.giftId)).toEqual(["1", "2"]);
    expect(res.body.gifts[0]).toEqual({
      giftId: "1",
      token: getAddress(TOKEN),
      sender: getAddress(treasury),
      paidByCard: true,
      amount: "10",
      decimals: 18,
      message: "msg open-soon",
      context: xPostContext(POST),
      postId: POST,
      postUrl: `https://x.com/i/web/status/${POST}`,
      expiresAt: new Date((now + DAY) * 1000).toISOString(),
      sentAt: new Date((now - 100) * 1000).toISOString(),
      txHash: `0x${"ab".repeat(32)}`,
      claim: {
        token: getAddress(TOKEN),
        sender: getAddress(treasury),
        kind: GiftKind.Social,
        recipient: aliceSocial,
        amount: "10",
        expiry: now + DAY,
      },
    });
    expect(res.body.gifts[1]).toMatchObject({ paidByCard: false, postId: null, context: null });
  });

  it("judges expiry by chain time when the chain runs ahead of the clock", async () => {
    await setIndexedHead(app.pool, VIEWS, {
      chainId: app.config.chainId,
      block: 60,
      timestamp: now + DAY + 30,
    });
    const res = await gifts();
    expect(res.body.gifts.map((g: { giftId: string }) => g.giftId)).toEqual(["2"]);
    await setIndexedHead(app.pool, VIEWS, {
      chainId: app.config.chainId,
      block: 61,
      timestamp: now,
    });
  });

  it("is 404 without a linked X account and 503 while the indexer's views are missing", async () => {
    const other = await signIn(app);
    const none = await gifts(other);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe("x_not_linked");
    await app.pool.query(`ALTER SCHEMA ${VIEWS} RENAME TO ${VIEWS}_gone`);
    try {
      const res = await gifts();
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("indexer_unavailable");
    } finally {
      await app.pool.query(`ALTER SCHEMA ${VIEWS}_gone RENAME TO ${VIEWS}`);
    }
  });
});
