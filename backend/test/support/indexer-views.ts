// The indexer's views as Ponder lays them out (indexer/ponder.schema.ts, snake_case columns), in a
// schema of a test's own: code that reads the `onchain` views reads these the same way.
import type { Queryable } from "../../src/db/pool.ts";

export async function createIndexerViews(db: Queryable, schema: string): Promise<void> {
  await db.query(`CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}._ponder_checkpoint (chain_name text PRIMARY KEY, chain_id bigint NOT NULL,
      safe_checkpoint varchar(75) NOT NULL, latest_checkpoint varchar(75) NOT NULL,
      finalized_checkpoint varchar(75) NOT NULL);
    CREATE TABLE ${schema}.gift (event_id text, entry integer, gift_id numeric(78), kind text, token text, sender text,
      recipient text, amount numeric(78), expiry numeric(78), context text, message text, status text,
      claimed_by text, relayer text, sent_block numeric(78), sent_timestamp numeric(78), sent_tx text,
      claimed_block numeric(78), claimed_timestamp numeric(78), claimed_tx text,
      refunded_block numeric(78), refunded_timestamp numeric(78), refunded_tx text,
      PRIMARY KEY (event_id, entry));
    CREATE TABLE ${schema}.reward_claim (id text PRIMARY KEY, account text, relayer text,
      amount numeric(78), cumulative_amount numeric(78), day integer, block_number numeric(78),
      timestamp numeric(78), tx_hash text);`);
}

/** Ponder's 75-digit checkpoint: timestamp, chain id, block number, then tx/event indexes. */
export const checkpoint = (chainId: number, block: number, timestamp = 1) =>
  `${String(timestamp).padStart(10, "0")}${String(chainId).padStart(16, "0")}${String(block).padStart(16, "0")}${"0".repeat(33)}`;

/** Where the indexer is: its newest block and that block's time. */
export async function setIndexedHead(
  db: Queryable,
  schema: string,
  head: { chainId: number; block: number; timestamp?: number },
): Promise<void> {
  await db.query(
    `INSERT INTO ${schema}._ponder_checkpoint VALUES ('local', $1, $2, $2, $2)
     ON CONFLICT (chain_name) DO UPDATE SET latest_checkpoint = $2`,
    [head.chainId, checkpoint(head.chainId, head.block, head.timestamp)],
  );
}
