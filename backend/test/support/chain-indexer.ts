// The real indexer following a test chain into the test app's database, its views in `viewsSchema`.
import { type Indexer, startIndexer, waitForHead } from "@boon/indexer/stack";
import { freePort } from "@boon/scripts/stack";
import type { TestApp } from "./app.ts";
import type { TestChain } from "./delivery.ts";

export async function startChainIndexer(
  app: Pick<TestApp, "databaseUrl">,
  chain: TestChain,
  viewsSchema: string,
): Promise<Indexer> {
  return startIndexer({
    databaseUrl: app.databaseUrl,
    rpcUrl: chain.rpcUrl,
    deploymentFile: chain.deploymentFile,
    schema: "indexer",
    viewsSchema,
    port: await freePort(),
    pollingIntervalMs: 100,
  });
}

/** Waits until the indexer has caught up with the chain's head block. */
export async function waitIndexed(indexer: Indexer, chain: TestChain): Promise<void> {
  await waitForHead(
    indexer.url,
    chain.rpcUrl,
    { contracts: Object.values(chain.contracts), startBlock: 0 },
    60_000,
  );
}
