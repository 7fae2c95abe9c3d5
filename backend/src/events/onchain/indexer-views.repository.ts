import { z } from "zod";
import type { Queryable } from "../../db/pool.ts";

// The indexer's tables, read through its stable views schema (indexer/README.md) in the same
// database. The contracts and the indexer change on their own schedule, so every row is parsed
// here, defensively: a row that does not fit is skipped (and counted), never half-read.

export const int = z
  .union([z.bigint(), z.string().regex(/^\d+$/), z.number().int()])
  .transform(BigInt);
export const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);

const giftRow = z.object({
  /** The row's key: the send event's Ponder id and the entry of a batch. */
  event_id: z.string(),
  entry: z.number().int(),
  /** The vault's id of an escrowed gift (a sender may reuse it once the gift ended); null for address gifts. */
  gift_id: int.nullish(),
  kind: z.string(),
  token: hex,
  sender: hex,
  recipient: hex,
  amount: int,
  message: z.string().nullish(),
  claimed_by: hex.nullish(),
  sent_block: int,
  sent_tx: hex,
  sent_timestamp: int,
  claimed_block: int.nullish(),
  claimed_tx: hex.nullish(),
  claimed_timestamp: int.nullish(),
  refunded_block: int.nullish(),
  refunded_tx: hex.nullish(),
  refunded_timestamp: int.nullish(),
});
export type GiftRow = z.output<typeof giftRow>;

const rewardRow = z.object({
  id: z.string(),
  account: hex,
  amount: int,
  cumulative_amount: int,
  block_number: int,
  timestamp: int,
  tx_hash: hex,
});
export type RewardRow = z.output<typeof rewardRow>;

export const quoted = (schema: string) => `"${schema.replaceAll('"', '""')}"`;

/** No indexer (yet) in this database (42P01: no such table): nothing to read. */
export function noRowsWithoutViews(error: unknown): { rows: never[] } {
  if ((error as { code?: string }).code === "42P01") return { rows: [] };
  throw error;
}

/**
 * Where the indexer is for the chain, from Ponder's 75-digit checkpoint: the newest fully indexed
 * block (digits 27-42) and its chain time in unix seconds (digits 1-10); undefined while it has
 * none, or when the views do not exist.
 */
export async function indexedCheckpoint(
  db: Queryable,
  schema: string,
  chainId: number,
): Promise<{ block: bigint; time: number } | undefined> {
  const { rows } = await db
    .query<{ block: string; seconds: string }>(
      `SELECT substring(latest_checkpoint from 27 for 16)::numeric::text AS block,
              substring(latest_checkpoint from 1 for 10)::bigint::text AS seconds
         FROM ${quoted(schema)}._ponder_checkpoint WHERE chain_id = $1`,
      [chainId],
    )
    .catch(noRowsWithoutViews);
  const row = rows[0];
  return row && { block: BigInt(row.block), time: Number(row.seconds) };
}

/** The newest block the indexer has fully indexed for the chain (see indexedCheckpoint). */
export async function indexedHead(
  db: Queryable,
  schema: string,
  chainId: number,
): Promise<bigint | undefined> {
  return (await indexedCheckpoint(db, schema, chainId))?.block;
}

/** Gifts sent, claimed or refunded in blocks (from, to]. */
export function giftsTouchedIn(db: Queryable, schema: string, from: bigint, to: bigint) {
  const where = ["sent_block", "claimed_block", "refunded_block"]
    .map((column) => `(${column} > $1 AND ${column} <= $2)`)
    .join(" OR ");
  return readRows(db, `${quoted(schema)}.gift`, where, [from, to], giftRow);
}

/** Reward claims in blocks (from, to]. */
export function rewardClaimsIn(db: Queryable, schema: string, from: bigint, to: bigint) {
  const where = "block_number > $1 AND block_number <= $2";
  return readRows(db, `${quoted(schema)}.reward_claim`, where, [from, to], rewardRow);
}

async function readRows<S extends z.ZodType>(
  db: Queryable,
  table: string,
  where: string,
  range: [bigint, bigint],
  schema: S,
): Promise<{ rows: z.output<S>[]; skipped: number }> {
  const { rows } = await db.query(`SELECT * FROM ${table} WHERE ${where}`, range.map(String));
  return parseAll(schema, rows);
}

export function parseAll<S extends z.ZodType>(schema: S, rows: unknown[]) {
  const parsed: z.output<S>[] = [];
  let skipped = 0;
  for (const row of rows) {
    const result = schema.safeParse(row);
    if (result.success) parsed.push(result.data);
    else skipped += 1;
  }
  return { rows: parsed, skipped };
}

/** Boon users owning these (lower-case) addresses, by lower-case address. */
export async function usersByWallet(
  db: Queryable,
  addresses: readonly string[],
): Promise<Map<string, string>> {
  if (addresses.length === 0) return new Map();
  const { rows } = await db.query<{ address: string; user_id: string }>(
    "SELECT lower(address) AS address, user_id FROM wallets WHERE lower(address) = ANY($1::text[])",
    [addresses],
  );
  return new Map(rows.map((row) => [row.address, row.user_id]));
}

/** Buyers of card-paid gifts (sent by a treasury key through the outbox), by gift id. */
export async function buyersOfGifts(
  db: Queryable,
  chainId: number,
  gifts: readonly { gift_id?: bigint | null; sender: string }[],
): Promise<Map<bigint, string>> {
  const escrowed = gifts.flatMap((g) => (g.gift_id == null ? [] : [{ ...g, id: g.gift_id }]));
  if (escrowed.length === 0) return new Map();
  const { rows } = await db.query<{ gift_id: string; user_id: string }>(
    `SELECT d.gift_id::text AS gift_id, d.user_id FROM deliveries d
       JOIN unnest($2::numeric[], $3::text[]) AS g(id, sender)
         ON d.gift_id = g.id AND lower(d.sender) = g.sender
      WHERE d.chain_id = $1 AND d.user_id IS NOT NULL AND d.status = 'confirmed'`,
    [chainId, escrowed.map((g) => g.id.toString()), escrowed.map((g) => g.sender.toLowerCase())],
  );
  return new Map(rows.map((row) => [BigInt(row.gift_id), row.user_id]));
}
