import { type Deployment, localChain, localRpcUrl } from "@boon/contracts";
import { ConfigError } from "@boon/contracts/config-error";
import { deploymentPath, readDeploymentFile } from "@boon/contracts/deployments";
import { z } from "zod";

/** Environment of the indexer, with the local defaults that make `npm start` work with no setup. */
const envSchema = z.object({
  CHAIN_ID: z.coerce.number().int().positive().default(localChain.id),
  RPC_URL: z.url({ protocol: /^https?$/ }).default(localRpcUrl),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,44}$/, "lower-case identifier of at most 45 characters")
    .default("indexer"),
  BOON_DEPLOYMENT_FILE: z.string().min(1).optional(),
  /**
   * Milliseconds between polls of the chain head. 100 on the local chain: a poll costs the node
   * nothing and it keeps receipt-to-GraphQL latency well under 500 ms (p95). 1000 elsewhere.
   */
  POLLING_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).optional(),
});

export type Settings = {
  chainId: number;
  rpcUrl: string;
  databaseUrl: string | undefined;
  schema: string;
  pollingIntervalMs: number;
  /** A local dev chain: RPC answers are not cached, since the chain restarts. */
  local: boolean;
  deployment: Deployment;
};

export const LOCAL_CHAIN_ID = localChain.id;

const INDEXER = "the indexer";

/** Reads and validates the environment and the deployments file; throws a ConfigError on error. */
export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      INDEXER,
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const file = e.BOON_DEPLOYMENT_FILE ?? deploymentPath(e.CHAIN_ID);
  const deployment = deploymentOf(file);
  if (deployment.chainId !== e.CHAIN_ID) {
    throw new ConfigError(INDEXER, [
      `${file} is for chain ${deployment.chainId}, but CHAIN_ID is ${e.CHAIN_ID}: set CHAIN_ID to the deployed chain, or BOON_DEPLOYMENT_FILE to that chain's file`,
    ]);
  }
  const local = e.CHAIN_ID === LOCAL_CHAIN_ID;
  return {
    chainId: e.CHAIN_ID,
    rpcUrl: e.RPC_URL,
    databaseUrl: e.DATABASE_URL,
    schema: e.DATABASE_SCHEMA,
    pollingIntervalMs: e.POLLING_INTERVAL_MS ?? (local ? 100 : 1000),
    local,
    deployment,
  };
}

/** The deployments file, its problem (missing, not JSON, a wrong field) reported as configuration. */
function deploymentOf(file: string): Deployment {
  try {
    return readDeploymentFile(file);
  } catch (error) {
    throw new ConfigError(INDEXER, [error instanceof Error ? error.message : String(error)]);
  }
}

/** Ponder's `chains` for these settings: the one chain, named `boon`. */
export function ponderChains(settings: Settings) {
  return {
    boon: {
      id: settings.chainId,
      rpc: settings.rpcUrl,
      pollingInterval: settings.pollingIntervalMs,
      // A local chain restarts with the same block numbers: cached RPC answers would be stale.
      disableCache: settings.local,
    },
  };
}
