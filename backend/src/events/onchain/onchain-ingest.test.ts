import { createTestDatabase, type TestDatabase } from "@boon/backend/test-support";
import { createIndexerViews, setIndexedHead } from "@boon/backend/test-support/indexer-views";
import { socialId } from "@boon/contracts";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../ops/logger.ts";
import { readEventsAfter, START } from "../events.repository.ts";
import { ingestOnchainFacts } from "./onchain-ingest.ts";

// The indexer's views, as Ponder lays them out (indexer/ponder.schema.ts, snake_case columns), in a
// schema of this test's own: the ingestion reads them like the real `onchain` views.
const VIEWS = "test_onchain";
const CHAIN = 31337;
let db: TestDatabase;
const alice = privateKeyToAccount(generatePrivateKey()).address;
const bob = privateKeyToAccount(generatePrivateKey()).address;
let aliceId: string;
let bobId: string;

const aliceSocial = socialId("x", "42");
const tx = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

const setHead = (block: number) => setIndexedHead(db.pool, VIEWS, { chainId: CHAIN, block });

const ingest = (confirmations = 1) =>
  ingestOnchainFacts({
    pool: db.pool,
    logger: createLogger("silent"),
    viewsSchema: VIEWS,
    chainId: CHAIN,
    confirmations,
    pollMs: 100,
  });

const onchainEvents = async () =>
  (await readEventsAfter(db.pool, START, { limit: 1000 })).filter((e) =>
    e.type.startsWith("onchain."),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  const users = await db.pool.query<{ id: string }>(
    "INSERT INTO users (role) VALUES ('user'), ('user') RETURNING id",
  );
  [aliceId, bobId] = users.rows.map((r) => r.id) as [string, string];
  await db.pool.query("INSERT INTO wallets (address, user_id) VALUES ($1, $2), ($3, $4)", [
    alice,
    aliceId,
    bob,
    bobId,
  ]);
  await createIndexerViews(db.pool, VIEWS);
  const token = `0x${"b".repeat(40)}`;
  const lower = (a: string) => a.toLowerCase();
  // e1: Bob gifts Alice's wallet at block 5. e2: Alice's link gift (vault id 42, block 6), claimed
  // at block 9. e3: a row the ingestion cannot read (no kind). e4/1: a stranger's gift to a
  // stranger (the second entry of a batch).
  await db.pool.query(
    `INSERT INTO ${VIEWS}.gift (event_id, entry, gift_id, kind, token, sender, recipient, amount,
       message, status, claimed_by, sent_block, sent_timestamp, sent_tx, claimed_block,
       claimed_timestamp, claimed_tx)
     VALUES ('e1', 0, NULL, 'address', $1, $2, $3, 100, 'hi', 'delivered', NULL, 5, 1000, $4,
               NULL, NULL, NULL),
            ('e2', 0, 42, 'link', $1, $3, $5, 200, '', 'claimed', $5, 6, 1001, $6, 9, 1004, $7),
            ('e3', 0, NULL, NULL, $1, $2, $3, 300, '', 'delivered', NULL, 6, 1001, $8, NULL, NULL,
               NULL),
            ('e4', 1, NULL, 'address', $1, $5, $5, 400, '', 'delivered', NULL, 7, 1002, $9, NULL,
               NULL, NULL)`,
    [token, lower(bob), lower(alice), tx(1), `0x${"c".repeat(40)}`, tx(2), tx(3), tx(4), tx(5)],
  );
  // e5: a social gift to the X account Alice linked (block 10); e6: one to an unlinked account.
  await db.pool.query(
    `INSERT INTO x_accounts (x_user_id, user_id, social_id, handle, name) VALUES ('42', $1, $2, 'alice', 'Alice')`,
    [aliceId, aliceSocial],
  );
  await db.pool.query(
    `INSERT INTO ${VIEWS}.gift (event_id, entry, gift_id, kind, token, sender, recipient, amount,
       expiry, message, status, sent_block, sent_timestamp, sent_tx)
     VALUES ('e5', 0, 77, 'social', $1, $2, $3, 500, 9999999999, 'for your post', 'pending', 10, 1005, $4),
            ('e6', 0, 78, 'social', $1, $2, $5, 600, 9999999999, '', 'pending', 10, 1005, $6)`,
    [token, lower(bob), aliceSocial, tx(7), socialId("x", "43"), tx(8)],
  );
  await db.pool.query(
    `INSERT INTO ${VIEWS}.reward_claim VALUES ($1, $2, $2, 50, 50, 20000, 7, 1002, $3)`,
    [`${tx(6)}-0`, lower(bob), tx(6)],
  );
});
afterAll(async () => {
  await db.drop();
});

describe("on-chain facts from the indexer's views", () => {
  it("waits while the indexer has no views or no checkpoint", async () => {
    const none = await ingestOnchainFacts({
      pool: db.pool,
      logger: createLogger("silent"),
      viewsSchema: "no_such_schema",
      chainId: CHAIN,
      confirmations: 1,
      pollMs: 100,
    });
    expect(none).toBe(false);
    expect(await ingest()).toBe(false);
  });

  it("turns facts a confirmation depth under the indexed head into events for their users", async () => {
    await setHead(10);
    await ingest(3); // facts up to block 8
    const first = await onchainEvents();
    expect(first.map((e) => [e.type, e.userId])).toEqual([
      ["onchain.gift_received", aliceId],
      ["onchain.reward_claimed", bobId],
    ]);
    expect(first[0]?.payload).toMatchObject({ giftId: null, amount: "100", message: "hi" });
    expect(first[0]?.subject).toEqual({ type: "gift", id: "e1:0" });
    expect(first[0]?.occurredAt.getTime()).toBe(1000 * 1000);

    await ingest(1); // up to block 10: the claim of Alice's link gift, a gift to her X account
    const all = await onchainEvents();
    expect(all.slice(2).map((e) => [e.type, e.userId, e.subject.id])).toEqual([
      ["onchain.gift_claimed", aliceId, "e2:0"],
      ["onchain.gift_received", aliceId, "e5:0"],
    ]);
    expect(all[2]?.payload).toMatchObject({ giftId: "42", kind: "link" });
    expect(all[3]?.payload).toMatchObject({
      giftId: "77",
      kind: "social",
      recipient: aliceSocial,
      message: "for your post",
    });
  });

  it("reading the same blocks again records nothing twice", async () => {
    const before = (await onchainEvents()).length;
    await db.pool.query("DELETE FROM chain_cursors");
    await ingest();
    expect((await onchainEvents()).length).toBe(before);
  });
});
