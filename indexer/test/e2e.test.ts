import { readFile } from "node:fs/promises";
import { devAccounts, rewardDistributorAbi, socialId } from "@boon/contracts";
import { asc, desc, eq } from "@ponder/client";
import { type Hex, keccak256, type TransactionReceipt, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForHead } from "../lib/ponder-process.ts";
import type { Indexer } from "../lib/stack.ts";
import { dayOf, weekStartOf } from "../src/logic/time.ts";
import { addressRecipient, kinds, type SentGift } from "./support/actions.ts";
import { canonical } from "./support/canonical.ts";
import { quietDay } from "./support/daily-stat.ts";
import { type Environment, startEnvironment } from "./support/environment.ts";
import { graphql, plainSql, schema, sqlClient } from "./support/query.ts";

const E = 10n ** 18n;
const alice = devAccounts.alice.address.toLowerCase() as Hex;
const bob = devAccounts.bob.address.toLowerCase() as Hex;
const carol = devAccounts.carol.address.toLowerCase() as Hex;
const post1 = keccak256(toHex("x-post-1"));
const post2 = keccak256(toHex("x-post-2"));
const carolX = socialId("x", "1001");
const daveX = socialId("x", "1002");
const linkKey = privateKeyToAccount(generatePrivateKey());
const linkKey2 = privateKeyToAccount(generatePrivateKey());

let env: Environment;
let indexer: Indexer;
const gifts: SentGift[] = [];
const at = new Map<string, bigint>(); // receipt tx hash -> block timestamp
let claims: { gift: SentGift; by: Hex; relayer: Hex; receipt: TransactionReceipt }[] = [];
let refundReceipt: TransactionReceipt;
const rewards: { amount: bigint; receipt: TransactionReceipt }[] = [];

async function stamp(receipt: TransactionReceipt) {
  const block = await env.boon.client.getBlock({ blockNumber: receipt.blockNumber });
  at.set(receipt.transactionHash, block.timestamp);
  return receipt;
}

beforeAll(async () => {
  env = await startEnvironment("indexer_e2e");
  const { boon } = env;
  const expiry = (await boon.now()) + 2 * 3600;

  // Half the history exists before the indexer starts, half arrives while it runs.
  gifts.push(await boon.giftToAddress("alice", bob, 10n * E, post1, "thanks"));
  gifts.push(await boon.giftToSocial("alice", carolX, 20n * E, expiry, post1, "for carol"));
  gifts.push(await boon.giftToLink("bob", linkKey.address, 5n * E, expiry, post2, "a link"));
  indexer = await env.indexer();

  gifts.push(
    ...(await boon.sendGifts(
      "alice",
      [
        { kind: kinds.Address, recipient: addressRecipient(carol), amount: 1n * E },
        { kind: kinds.Social, recipient: carolX, amount: 2n * E },
        { kind: kinds.Link, recipient: addressRecipient(linkKey2.address), amount: 3n * E },
      ],
      expiry,
      post2,
      "batch",
    )),
  );
  for (const gift of gifts) await stamp(gift.receipt);
  const [g1, g2, g3, , g5, g6] = gifts as [
    SentGift,
    SentGift,
    SentGift,
    SentGift,
    SentGift,
    SentGift,
  ];
  claims = [
    {
      gift: g2,
      by: carol,
      relayer: bob,
      receipt: await stamp(await boon.claimSocial("bob", g2, carol)),
    },
    {
      gift: g3,
      by: carol,
      relayer: alice,
      receipt: await stamp(await boon.claimLink("alice", g3, linkKey, carol)),
    },
  ];
  await boon.transfer("bob", carol, 4n * E);
  rewards.push({
    amount: 7n * E,
    receipt: await stamp(await boon.claimReward("bob", alice, 7n * E)),
  });
  await boon.increaseTime(3 * 3600);
  // the batch's social and link gifts expire unclaimed and are refunded together
  refundReceipt = await stamp(await boon.refundBatch("carol", [g5, g6]));
  rewards.push({
    amount: 2n * E,
    receipt: await stamp(await boon.claimReward("alice", alice, 9n * E)),
  });
  const late = await boon.giftToSocial(
    "bob",
    daveX,
    8n * E,
    (await boon.now()) + 3 * 3600,
    post1,
    "later",
  );
  gifts.push(late);
  await stamp(late.receipt);
  expect(g1.id).toBeNull(); // an address gift has no vault id
  await waitForHead(indexer.url, boon.rpcUrl, boon.source);
}, 240_000);

afterAll(async () => {
  await env?.stop();
});

const ts = (receipt: TransactionReceipt) => at.get(receipt.transactionHash) as bigint;

/** What the scenario sent, in order: message and context of each gift. */
const sentAs = [
  ["thanks", "post1"],
  ["for carol", "post1"],
  ["a link", "post2"],
  ["batch", "post2"],
  ["batch", "post2"],
  ["batch", "post2"],
  ["later", "post1"],
] as const;

/** The gift rows the scenario above must produce, as GraphQL returns them (bigints as strings). */
function expectedGifts() {
  return gifts.map((g, i) => {
    const kind = (["address", "social", "link"] as const)[g.kind];
    const claim = claims.find((c) => c.gift === g);
    const refunded = i === 4 || i === 5;
    const [message, post] = sentAs[i] ?? ["?", "post1"];
    return {
      entry: g.entry,
      giftId: g.id === null ? null : String(g.id),
      kind,
      token: env.boon.deployment.contracts.boonToken.toLowerCase(),
      sender: g.sender.toLowerCase(),
      recipient: kind === "social" ? g.recipient : `0x${g.recipient.slice(-40)}`,
      amount: String(g.amount),
      expiry: kind === "address" ? null : String(g.expiry),
      context: post === "post1" ? post1 : post2,
      message,
      status: claim
        ? "claimed"
        : refunded
          ? "refunded"
          : kind === "address"
            ? "delivered"
            : "pending",
      claimedBy: claim?.by ?? null,
      relayer: claim?.relayer ?? (refunded ? carol : null),
      sentBlock: String(g.receipt.blockNumber),
      sentTimestamp: String(ts(g.receipt)),
      sentTx: g.receipt.transactionHash,
      claimedBlock: claim ? String(claim.receipt.blockNumber) : null,
      claimedTimestamp: claim ? String(ts(claim.receipt)) : null,
      claimedTx: claim?.receipt.transactionHash ?? null,
      refundedBlock: refunded ? String(refundReceipt.blockNumber) : null,
      refundedTimestamp: refunded ? String(ts(refundReceipt)) : null,
      refundedTx: refunded ? refundReceipt.transactionHash : null,
    };
  });
}

/** Rows in chain order (event id, then batch entry), without the event id Ponder made up. */
function inChainOrder(rows: Record<string, unknown>[]) {
  return [...rows]
    .sort(
      (a, b) =>
        String(a.eventId).localeCompare(String(b.eventId)) || Number(a.entry) - Number(b.entry),
    )
    .map(({ eventId, ...row }) => row);
}

/** What the distributor minted into its budget per day, from its BudgetSet logs. */
async function mintedPerDay() {
  const budgets = await env.boon.client.getContractEvents({
    address: env.boon.deployment.contracts.rewardDistributor,
    abi: rewardDistributorAbi,
    eventName: "BudgetSet",
    fromBlock: BigInt(env.boon.deployment.startBlock),
  });
  const minted = new Map<number, bigint>();
  for (const log of budgets) {
    const day = Number(log.args.day);
    minted.set(day, (minted.get(day) ?? 0n) + (log.args.minted ?? 0n));
  }
  return minted;
}

/** dailyStats rows from the scenario's own timestamps: what happened on which UTC day. */
function expectedDays(minted: Map<number, bigint>) {
  const days = new Map<number, Record<string, unknown> & { senders: Set<string> }>();
  const get = (timestamp: bigint) => {
    const day = dayOf(timestamp);
    let row = days.get(day);
    if (!row) {
      row = { ...quietDay(day), senders: new Set() };
      days.set(day, row);
    }
    return row as Record<string, never> & { senders: Set<string> };
  };
  const add = (row: Record<string, unknown>, key: string, value: number | bigint) => {
    row[key] = (row[key] as number) + (value as number);
  };
  for (const g of gifts) {
    const row = get(ts(g.receipt));
    add(row, "gifts", 1);
    add(row, "volume", g.amount);
    row.senders.add(g.sender.toLowerCase());
  }
  for (const c of claims) {
    const row = get(ts(c.receipt));
    add(row, "claims", 1);
    add(row, "claimedVolume", c.gift.amount);
  }
  const refundRow = get(ts(refundReceipt));
  add(refundRow, "refunds", 2);
  add(refundRow, "refundedVolume", 5n * E);
  for (const r of rewards) {
    const row = get(ts(r.receipt));
    add(row, "rewardClaims", 1);
    add(row, "rewardsPaid", r.amount);
  }
  for (const [day, amount] of minted) add(get(BigInt(day) * 86_400n), "rewardsMinted", amount);
  return [...days.values()]
    .sort((a, b) => (a.day as number) - (b.day as number))
    .map(
      ({ senders, ...row }): Record<string, unknown> => ({
        ...Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? String(v) : v]),
        ),
        uniqueSenders: senders.size,
      }),
    );
}

const giftFields = `eventId entry giftId kind token sender recipient amount expiry context message status
  claimedBy relayer sentBlock sentTimestamp sentTx claimedBlock claimedTimestamp claimedTx refundedBlock
  refundedTimestamp refundedTx`;

describe("indexer end to end (chain -> Ponder -> GraphQL and SQL)", () => {
  it("has every gift with its whole life, over GraphQL", async () => {
    const data = await graphql(
      indexer.graphqlUrl,
      `{ gifts(orderBy: "eventId", limit: 100) { items { ${giftFields} } } }`,
    );
    expect(inChainOrder(data.gifts?.items ?? [])).toEqual(expectedGifts());
  });

  it("has the accounts' balances and totals", async () => {
    const data = await graphql(
      indexer.graphqlUrl,
      `{ accounts(where: { address_in: ["${alice}", "${bob}", "${carol}"] }, orderBy: "address") { items {
          address boonBalance giftsSentCount giftsSentVolume giftsReceivedCount giftsReceivedVolume
          rewardsClaimed rewardClaimsCount } } }`,
    );
    const row = (
      address: Hex,
      balance: bigint,
      sent: [number, bigint],
      received: [number, bigint],
      rewards: [bigint, number],
    ) => ({
      address,
      boonBalance: String(balance),
      giftsSentCount: sent[0],
      giftsSentVolume: String(sent[1]),
      giftsReceivedCount: received[0],
      giftsReceivedVolume: String(received[1]),
      rewardsClaimed: String(rewards[0]),
      rewardClaimsCount: rewards[1],
    });
    const expected = [
      // funded 1000 each; alice: -10 -20 -6 (batch) +5 (refunds) +9 (rewards)
      row(alice, 978n * E, [5, 36n * E], [0, 0n], [9n * E, 2]),
      // bob: +10 (gift) -5 (link gift) -4 (transfer) -8 (late social gift)
      row(bob, 993n * E, [2, 13n * E], [1, 10n * E], [0n, 0]),
      // carol: +1 (batch address gift) +20 (social claim) +5 (link claim) +4 (transfer)
      row(carol, 30n * E, [0, 0n], [3, 26n * E], [0n, 0]),
    ].sort((a, b) => a.address.localeCompare(b.address));
    expect(data.accounts?.items).toEqual(expected);
    const chain = await canonical(env.boon);
    for (const [address, balance] of chain.balances) {
      const account = await graphql<{ account: { boonBalance: string } | null }>(
        indexer.graphqlUrl,
        `{ account(address: "${address}") { boonBalance } }`,
      );
      expect(account.account?.boonBalance, address).toBe(String(balance));
    }
  });

  it("has every BOON transfer and reward claim", async () => {
    const chain = await canonical(env.boon);
    const data = await graphql(
      indexer.graphqlUrl,
      `{ transfers(limit: 1000) { items { txHash from to amount } } }`,
    );
    const byContent = (a: object, b: object) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect([...(data.transfers?.items ?? [])].sort(byContent)).toEqual(
      [...chain.transfers].sort(byContent),
    );
    const claimsData = await graphql(
      indexer.graphqlUrl,
      `{ rewardClaims(orderBy: "timestamp") { items { account relayer amount cumulativeAmount day txHash } } }`,
    );
    expect(rewards).toHaveLength(2);
    expect(claimsData.rewardClaims?.items).toEqual(
      rewards.map((r, i) => ({
        account: alice,
        relayer: i === 0 ? bob : alice,
        amount: String(r.amount),
        cumulativeAmount: String(i === 0 ? 7n * E : 9n * E),
        day: dayOf(ts(r.receipt)),
        txHash: r.receipt.transactionHash,
      })),
    );
  });

  it("aggregates days, posts and social ids", async () => {
    const data = await graphql(
      indexer.graphqlUrl,
      `{ dailyStats(orderBy: "day") { items { day date gifts volume uniqueSenders claims claimedVolume refunds
            refundedVolume rewardClaims rewardsPaid rewardsMinted } }
         contextStats(orderBy: "volume", orderDirection: "desc") { items { context gifts volume } }
         socialStats(orderBy: "socialId") { items { socialId pendingGifts pendingAmount totalGifts totalAmount claimedGifts refundedGifts } } }`,
    );
    expect(data.dailyStats?.items).toEqual(expectedDays(await mintedPerDay()));
    expect(data.contextStats?.items).toEqual([
      { context: post1, gifts: 3, volume: String(38n * E) },
      { context: post2, gifts: 4, volume: String(11n * E) },
    ]);
    const social = [
      {
        socialId: carolX,
        pendingGifts: 0,
        pendingAmount: "0",
        totalGifts: 2,
        totalAmount: String(22n * E),
        claimedGifts: 1,
        refundedGifts: 1,
      },
      {
        socialId: daveX,
        pendingGifts: 1,
        pendingAmount: String(8n * E),
        totalGifts: 1,
        totalAmount: String(8n * E),
        claimedGifts: 0,
        refundedGifts: 0,
      },
    ].sort((a, b) => a.socialId.localeCompare(b.socialId));
    expect(data.socialStats?.items).toEqual(social);

    const [first] = gifts as [SentGift];
    const week = weekStartOf(dayOf(ts(first.receipt)));
    const weekly = await graphql(
      indexer.graphqlUrl,
      `{ contextWeeklyStats(where: { weekStart: ${week} }, orderBy: "volume", orderDirection: "desc", limit: 10) { items { context gifts volume } } }`,
    );
    // Every gift of the scenario falls in the first gift's week unless the clock crossed a Monday.
    const inWeek = gifts.filter((g) => weekStartOf(dayOf(ts(g.receipt))) === week);
    const postOf = (g: SentGift) => (sentAs[gifts.indexOf(g)]?.[1] === "post1" ? post1 : post2);
    const volumeOf = (post: Hex) =>
      inWeek.filter((g) => postOf(g) === post).reduce((s, g) => s + g.amount, 0n);
    expect(weekly.contextWeeklyStats?.items.map((w) => [w.context, w.volume])).toEqual(
      [post1, post2]
        .map((p) => [p, String(volumeOf(p))])
        .filter(([, v]) => v !== "0")
        .sort((a, b) => (BigInt(b[1] as string) > BigInt(a[1] as string) ? 1 : -1)),
    );
  });

  it("serves the same rows over SQL with @ponder/client", async () => {
    const sql = sqlClient(indexer.sqlUrl);
    const rows = await sql.db
      .select()
      .from(schema.gift)
      .orderBy(asc(schema.gift.eventId), asc(schema.gift.entry));
    const asStrings = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? String(v) : v]),
      );
    expect(inChainOrder(rows.map(asStrings))).toEqual(expectedGifts());
    const pending = await sql.db.select().from(schema.gift).where(eq(schema.gift.recipient, daveX));
    expect(pending.map((g) => [g.giftId, g.status])).toEqual([[gifts[6]?.id, "pending"]]);
    const top = await sql.db
      .select()
      .from(schema.contextStat)
      .orderBy(desc(schema.contextStat.volume))
      .limit(10);
    expect(top.map((t) => [t.context, t.volume])).toEqual([
      [post1, 38n * E],
      [post2, 11n * E],
    ]);
  });

  it("exposes the tables as plain views in the onchain schema", async () => {
    const rows = await plainSql<{ entry: number; status: string; amount: string }>(
      env.databaseUrl,
      "SELECT entry, status::text, amount::text FROM onchain.gift ORDER BY event_id, entry",
    );
    expect(rows).toEqual(
      expectedGifts().map((g) => ({ entry: g.entry, status: g.status, amount: g.amount })),
    );
    const days = await plainSql<{ day: number; volume: string }>(
      env.databaseUrl,
      "SELECT day, volume::text FROM onchain.daily_stats ORDER BY day",
    );
    const expected = expectedDays(await mintedPerDay());
    expect(days).toEqual(expected.map((d) => ({ day: d.day, volume: d.volume })));
  });

  it("answers every example query of the README", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const blocks = (lang: string) =>
      [...readme.matchAll(new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``, "g"))].map(
        (m) => m[1] as string,
      );
    const graphqlBlocks = blocks("graphql");
    const sqlBlocks = blocks("sql");
    expect(graphqlBlocks).toHaveLength(5);
    expect(sqlBlocks).toHaveLength(5);
    const results = await Promise.all(
      graphqlBlocks.map((query) => graphql(indexer.graphqlUrl, query)),
    );
    const rows = [];
    for (const query of sqlBlocks) rows.push(await plainSql(env.databaseUrl, query));
    // The sender and social id in the README are alice and carolX of this scenario.
    expect(results[1]?.gifts?.items).toHaveLength(5);
    expect(rows[1]).toHaveLength(5);
    expect(results[2]).toMatchObject({
      socialStat: { pendingGifts: 0, pendingAmount: "0" },
      gifts: { items: [] },
    });
    expect(rows[2]).toEqual([]);
    const days = expectedDays(await mintedPerDay()).length;
    expect(results[3]?.dailyStats?.items.length).toBe(days);
    expect(rows[3]).toHaveLength(days);
    expect(rows[4]?.reduce((sum, r) => sum + BigInt(r.paid as string), 0n)).toBe(9n * E);
  });
});
