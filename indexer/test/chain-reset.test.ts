import { devAccounts } from "@boon/contracts";
import { type Hex, keccak256, toHex } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitForHead } from "../lib/ponder-process.ts";
import { expectIndexerMatchesChain } from "./support/compare.ts";
import { type Environment, startEnvironment } from "./support/environment.ts";
import { graphql, plainSql } from "./support/query.ts";

const E = 10n ** 18n;
const bob = devAccounts.bob.address.toLowerCase() as Hex;
const carol = devAccounts.carol.address.toLowerCase() as Hex;
const post = keccak256(toHex("x-post-reset"));

let env: Environment;

beforeAll(async () => {
  env = await startEnvironment("indexer_reset");
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

const messages = async (graphqlUrl: string) => {
  const data = await graphql(graphqlUrl, `{ gifts(orderBy: "eventId") { items { message } } }`);
  return data.gifts?.items.map((g) => g.message);
};

it("rebuilds the schema when the local chain was restarted, and keeps it on a plain restart", async () => {
  await env.boon.giftToAddress("alice", bob, 1n * E, post, "old chain 1");
  await env.boon.giftToAddress("alice", bob, 2n * E, post, "old chain 2");
  const first = await env.indexer();
  expect(await messages(first.graphqlUrl)).toEqual(["old chain 1", "old chain 2"]);
  await first.stop();

  await env.restartChain();
  await env.boon.giftToAddress("bob", carol, 3n * E, post, "new chain");

  await expect(env.indexer({ onChainReset: "refuse" })).rejects.toThrow(
    /schema "indexer" was indexed from another chain or deployment .* drop it/,
  );

  const logs: string[] = [];
  const second = await env.indexer({ log: (line) => logs.push(line) });
  expect(logs.some((line) => line.includes("dropping it to index again"))).toBe(true);
  expect(await messages(second.graphqlUrl)).toEqual(["new chain"]);
  await expectIndexerMatchesChain(second, env.boon);
  await second.stop();

  // Same chain: the schema is kept and Ponder carries on from where it stopped.
  await env.boon.giftToAddress("alice", carol, 4n * E, post, "same chain");
  const restartLogs: string[] = [];
  const third = await env.indexer({ log: (line) => restartLogs.push(line) });
  expect(restartLogs.some((line) => line.includes("dropping it"))).toBe(false);
  expect(restartLogs.some((line) => line.includes("crash recovery"))).toBe(true);
  expect(await messages(third.graphqlUrl)).toEqual(["new chain", "same chain"]);
  await expectIndexerMatchesChain(third, env.boon);
  await third.stop();
});

it("rebuilds a schema left by another build of the indexer on the same chain", async () => {
  const first = await env.indexer();
  await env.boon.giftToAddress("bob", carol, 5n * E, post, "before the rebuild");
  await waitForHead(first.url, env.boon.rpcUrl, env.boon.source);
  await expectIndexerMatchesChain(first, env.boon);
  const before = await messages(first.graphqlUrl);
  expect(before).toContain("before the rebuild");
  await first.stop();
  // What Ponder records when the handlers, schema or contracts of the app change.
  await plainSql(
    env.databaseUrl,
    `UPDATE indexer._ponder_meta SET value = jsonb_set(value, '{build_id}', '"0000000000"') WHERE key = 'app'`,
  );

  const logs: string[] = [];
  const rebuilt = await env.indexer({ log: (line) => logs.push(line) });
  expect(logs.some((line) => line.includes("built by another version of the indexer"))).toBe(true);
  expect(await messages(rebuilt.graphqlUrl)).toEqual(before);
  await expectIndexerMatchesChain(rebuilt, env.boon);
});
