// A chain test file's setup: a fresh test chain, an app on it and, when asked, the real indexer
// following the chain into the app's database. Started together in `beforeAll`, stopped together in
// `afterAll`; what started before a failure is stopped at once, so no hardhat node is left behind.
import type { Indexer } from "@boon/indexer/stack";
import type { TestApp } from "./app.ts";
import { startChainIndexer } from "./chain-indexer.ts";
import { startTestChain, type TestChain } from "./delivery.ts";

export type { TestChain } from "./delivery.ts";

export type ChainApp<A extends TestApp> = { chain: TestChain; app: A; indexer?: Indexer };

/** The chain, then the app `startApp` builds on it, then (with `indexerViews`) the indexer. */
export async function startChainApp<A extends TestApp>(
  startApp: (chain: TestChain) => Promise<A>,
  options: { indexerViews: string },
): Promise<Required<ChainApp<A>>>;
export async function startChainApp<A extends TestApp>(
  startApp: (chain: TestChain) => Promise<A>,
): Promise<ChainApp<A>>;
export async function startChainApp<A extends TestApp>(
  startApp: (chain: TestChain) => Promise<A>,
  options: { indexerViews?: string } = {},
): Promise<ChainApp<A>> {
  const started: Partial<ChainApp<A>> = {};
  try {
    started.chain = await startTestChain();
    started.app = await startApp(started.chain);
    if (options.indexerViews !== undefined) {
      started.indexer = await startChainIndexer(started.app, started.chain, options.indexerViews);
    }
    return started as ChainApp<A>;
  } catch (error) {
    await stopChainApp(started);
    throw error;
  }
}

/** Stops what startChainApp started, the indexer first and the chain last; missing parts are skipped. */
export async function stopChainApp({ chain, app, indexer }: Partial<ChainApp<TestApp>>) {
  await indexer?.stop();
  await app?.close();
  await chain?.stop();
}
