import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { devAccounts } from "@boon/contracts";
import { deploy } from "@boon/contracts/deploy";
import {
  type Chain,
  createDatabase,
  freePort,
  startChain,
  startPostgres,
} from "@boon/scripts/stack";
import { type Indexer, type StartIndexerOptions, startIndexer } from "../../lib/stack.ts";
import { Boon } from "./actions.ts";

/** A real chain with the Boon contracts deployed (alice and bob funded), and a real database. */
export type Environment = {
  databaseUrl: string;
  chain: Chain;
  boon: Boon;
  deploymentFile: string;
  /** Starts an indexer on this chain and database (stopped with the environment). */
  indexer: (options?: Partial<StartIndexerOptions>) => Promise<Indexer>;
  /** Replaces the chain with a fresh node and deploys again: a restarted local chain. */
  restartChain: () => Promise<void>;
  stop: () => Promise<void>;
};

async function deployed(outDir: string): Promise<{ chain: Chain; boon: Boon }> {
  const chain = await startChain();
  try {
    const deployment = await deploy({ rpcUrl: chain.rpcUrl, outDir });
    const boon = new Boon(chain.rpcUrl, deployment);
    await boon.fund([devAccounts.alice.address, devAccounts.bob.address], 1_000n * 10n ** 18n);
    return { chain, boon };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

export async function startEnvironment(database: string): Promise<Environment> {
  const postgres = await startPostgres();
  const outDir = await mkdtemp(path.join(tmpdir(), "boon-indexer-test-"));
  const cleanUp = async () => {
    await postgres.stop();
    await rm(outDir, { recursive: true, force: true });
  };
  let current: { chain: Chain; boon: Boon };
  let databaseUrl: string;
  try {
    databaseUrl = await createDatabase(postgres.url, database);
    current = await deployed(outDir);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const indexers: Indexer[] = [];
  const deploymentFile = path.join(outDir, "31337.json");
  return {
    databaseUrl,
    get chain() {
      return current.chain;
    },
    get boon() {
      return current.boon;
    },
    deploymentFile,
    indexer: async (options = {}) => {
      const indexer = await startIndexer({
        databaseUrl,
        rpcUrl: current.chain.rpcUrl,
        deploymentFile,
        schema: "indexer",
        viewsSchema: "onchain",
        port: await freePort(),
        ...options,
      });
      indexers.push(indexer);
      return indexer;
    },
    restartChain: async () => {
      await current.chain.stop();
      current = await deployed(outDir);
    },
    stop: async () => {
      for (const indexer of indexers) await indexer.stop();
      await current.chain.stop();
      await cleanUp();
    },
  };
}
