import { ConfigError } from "@boon/contracts/config-error";
import { readDeploymentFile } from "@boon/contracts/deployments";
import { z } from "zod";
import {
  currentMarker,
  dropSchema,
  readSchemaState,
  sameChain,
  writeMarker,
} from "./chain-marker.ts";
import { PonderExitError, spawnPonder, waitForHead, waitUntilReady } from "./ponder-process.ts";

const identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,44}$/, "lower-case identifier, at most 45 characters");

const optionsSchema = z.object({
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }),
  rpcUrl: z.url({ protocol: /^https?$/ }),
  deploymentFile: z.string().min(1),
  schema: identifier.default("indexer"),
  viewsSchema: identifier.optional(),
  port: z.number().int().min(1).max(65_535),
  /** What to do when the schema was built from another chain (a restarted local chain, a redeploy). */
  onChainReset: z.enum(["reset", "refuse"]).default("reset"),
  readyTimeoutMs: z.number().int().positive().default(180_000),
  pollingIntervalMs: z.number().int().min(50).optional(),
});

export type StartIndexerOptions = z.input<typeof optionsSchema> & {
  log?: (line: string) => void;
};

export type Indexer = {
  url: string;
  graphqlUrl: string;
  sqlUrl: string;
  schema: string;
  stop: () => Promise<void>;
};

/**
 * Starts the indexer (`ponder start`) against a database and a chain, and resolves once it has
 * indexed the chain's head. A schema built from another chain than the one at `rpcUrl` is dropped and
 * rebuilt (or refused with `onChainReset: "refuse"`), so a restarted local chain never leaves
 * stale rows.
 */
export async function startIndexer(input: StartIndexerOptions): Promise<Indexer> {
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      "the indexer",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  const options = parsed.data;
  const log = input.log ?? (() => {});
  const deployment = readDeploymentFile(options.deploymentFile);
  const marker = await currentMarker(options.rpcUrl, deployment);
  if (marker.startBlockHash === null) {
    throw new Error(
      `the chain at ${options.rpcUrl} has no block ${deployment.startBlock}: ${options.deploymentFile} belongs to another chain; deploy again`,
    );
  }

  const state = await readSchemaState(options.databaseUrl, options.schema);
  if (state.exists && (state.marker === null || !sameChain(state.marker, marker))) {
    const why = `schema "${options.schema}" was indexed from another chain or deployment than ${options.rpcUrl} now serves`;
    if (options.onChainReset === "refuse") {
      throw new Error(
        `${why}; drop it (DROP SCHEMA "${options.schema}" CASCADE) or use another schema`,
      );
    }
    log(`${why}: dropping it to index again from block ${deployment.startBlock}`);
    await dropSchema(options.databaseUrl, options.schema);
  }

  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: options.schema,
    RPC_URL: options.rpcUrl,
    CHAIN_ID: String(deployment.chainId),
    BOON_DEPLOYMENT_FILE: options.deploymentFile,
  };
  if (options.pollingIntervalMs) env.POLLING_INTERVAL_MS = String(options.pollingIntervalMs);
  const start = () =>
    spawnPonder({
      schema: options.schema,
      viewsSchema: options.viewsSchema,
      port: options.port,
      env,
      log,
    });

  let ponder = start();
  try {
    await waitUntilReady(ponder, options.readyTimeoutMs);
  } catch (error) {
    await ponder.stop();
    // Same chain, but the indexer's code or config changed: Ponder refuses the old schema.
    const changedApp =
      error instanceof PonderExitError &&
      error.output.includes("previously used by a different Ponder app");
    if (!changedApp || options.onChainReset === "refuse") throw error;
    log(`schema "${options.schema}" was built by another version of the indexer: rebuilding it`);
    await dropSchema(options.databaseUrl, options.schema);
    ponder = start();
    try {
      await waitUntilReady(ponder, options.readyTimeoutMs);
    } catch (retryError) {
      await ponder.stop();
      throw retryError;
    }
  }
  try {
    const contracts = Object.values(deployment.contracts);
    await waitForHead(
      ponder.url,
      options.rpcUrl,
      { contracts, startBlock: deployment.startBlock },
      options.readyTimeoutMs,
    );
    await writeMarker(options.databaseUrl, options.schema, marker);
  } catch (error) {
    await ponder.stop();
    throw error;
  }
  return {
    url: ponder.url,
    graphqlUrl: `${ponder.url}/graphql`,
    sqlUrl: `${ponder.url}/sql`,
    schema: options.schema,
    stop: ponder.stop,
  };
}

export { indexedBlock, waitForHead } from "./ponder-process.ts";
