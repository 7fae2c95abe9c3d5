import { devAccounts, socialId } from "@boon/contracts";
import { rpc } from "@boon/scripts/stack";
import { type Hex, keccak256, toHex } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitForHead } from "../lib/ponder-process.ts";
import type { Indexer } from "../lib/stack.ts";
import { expectIndexerMatchesChain } from "./support/compare.ts";
import { type Environment, startEnvironment } from "./support/environment.ts";
import { graphql } from "./support/query.ts";

const E = 10n ** 18n;
const bob = devAccounts.bob.address.toLowerCase() as Hex;
const carol = devAccounts.carol.address.toLowerCase() as Hex;
const post = keccak256(toHex("x-post-reorg"));
const orphanSocial = socialId("x", "orphan");

let env: Environment;
let indexer: Indexer;

beforeAll(async () => {
  env = await startEnvironment("indexer_reorg");
  indexer = await env.indexer();
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

it("drops orphaned blocks and follows the canonical chain after a reorg", async () => {
  const { boon } = env;
  await boon.giftToAddress("alice", bob, 1n * E, post, "kept");
  const snapshot = await rpc<string>(boon.rpcUrl, "evm_snapshot");

  // The branch that will be orphaned: its rows must reach the indexer first.
  const expiry = (await boon.now()) + 7200;
  const orphan = await boon.giftToSocial("alice", orphanSocial, 5n * E, expiry, post, "orphaned");
  await boon.giftToAddress("bob", carol, 2n * E, post, "orphaned too");
  await boon.transfer("alice", carol, 9n * E);
  const orphanHead = await boon.head();
  await waitForHead(indexer.url, boon.rpcUrl, boon.source);
  const giftsWithId = async (id: bigint | null) =>
    (
      await graphql(
        indexer.graphqlUrl,
        `{ gifts(where: { giftId: "${id}" }) { items { message kind } } }`,
      )
    ).gifts?.items;
  expect(await giftsWithId(orphan.id)).toEqual([{ message: "orphaned", kind: "social" }]);

  expect(await rpc<boolean>(boon.rpcUrl, "evm_revert", [snapshot])).toBe(true);
  // The canonical branch: other gifts in the same blocks, and longer than the orphaned one.
  const replacement = await boon.giftToLink("bob", carol, 3n * E, expiry, post, "canonical");
  await boon.giftToAddress("alice", carol, 7n * E, post, "canonical too");
  await boon.mine(3);
  const head = await boon.head();
  expect(head).toBeGreaterThan(orphanHead);
  await waitForHead(indexer.url, boon.rpcUrl, boon.source);

  expect(replacement.receipt.blockNumber).toBe(orphan.receipt.blockNumber);
  expect(await giftsWithId(orphan.id)).toEqual([]);
  expect(await giftsWithId(replacement.id)).toEqual([{ message: "canonical", kind: "link" }]);
  const after = await graphql<{ socialStat: unknown }>(
    indexer.graphqlUrl,
    `{ socialStat(socialId: "${orphanSocial}") { pendingGifts } }`,
  );
  expect(after.socialStat).toBeNull();
  await expectIndexerMatchesChain(indexer, boon);
});
