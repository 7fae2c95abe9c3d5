import type { Deployment } from "@boon/contracts";
import pg from "pg";
import { createPublicClient, type Hex, http } from "viem";

/**
 * What identifies the chain an indexer schema was built from: the deployment and the hash of its
 * start block. A restarted local chain reuses block numbers (and often addresses) with new hashes.
 */
export type ChainMarker = {
  chainId: number;
  startBlock: number;
  startBlockHash: Hex | null;
  contracts: Deployment["contracts"];
};

/** Reads the marker of the chain as it is now; a missing start block gives a null hash. */
export async function currentMarker(rpcUrl: string, deployment: Deployment): Promise<ChainMarker> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 2 }) });
  const block = await client
    .getBlock({ blockNumber: BigInt(deployment.startBlock) })
    .catch(() => null);
  return {
    chainId: deployment.chainId,
    startBlock: deployment.startBlock,
    startBlockHash: block?.hash ?? null,
    contracts: deployment.contracts,
  };
}

/** Equal markers: same chain, same deployment. */
export function sameChain(a: ChainMarker, b: ChainMarker): boolean {
  return (
    a.chainId === b.chainId &&
    a.startBlock === b.startBlock &&
    a.startBlockHash !== null &&
    a.startBlockHash === b.startBlockHash &&
    a.contracts.boonToken.toLowerCase() === b.contracts.boonToken.toLowerCase() &&
    a.contracts.giftVault.toLowerCase() === b.contracts.giftVault.toLowerCase() &&
    a.contracts.rewardDistributor.toLowerCase() === b.contracts.rewardDistributor.toLowerCase()
  );
}

export type SchemaState = { exists: false } | { exists: true; marker: ChainMarker | null };

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// The marker lives in the schema's comment: it disappears with the schema and needs no table that
// Ponder does not know about.

export async function readSchemaState(databaseUrl: string, schema: string): Promise<SchemaState> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      "SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1",
      [schema],
    );
    const row = rows[0];
    if (!row) return { exists: false };
    return { exists: true, marker: parseMarker(row.comment) };
  });
}

export async function writeMarker(databaseUrl: string, schema: string, marker: ChainMarker) {
  await withClient(databaseUrl, async (client) => {
    const text = JSON.stringify({ boonChainMarker: marker }).replaceAll("'", "''");
    await client.query(`COMMENT ON SCHEMA ${quote(schema)} IS '${text}'`);
  });
}

/** Drops the indexer's schema and everything in it (the views schema's views go with it). */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`);
  });
}

export function parseMarker(comment: string | null): ChainMarker | null {
  if (!comment) return null;
  try {
    const value = JSON.parse(comment) as { boonChainMarker?: ChainMarker };
    return value.boonChainMarker ?? null;
  } catch {
    return null;
  }
}

async function withClient<T>(
  databaseUrl: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
