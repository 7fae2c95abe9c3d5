import { zeroHash } from "viem";
import type { Queryable } from "../db/pool.ts";
import type { DeliveryKind } from "./actions.ts";

export type DeliveryStatus = "queued" | "signed" | "sent" | "confirmed" | "failed";

export type Delivery = {
  id: string;
  seq: bigint;
  userId: string | null;
  kind: DeliveryKind;
  amount: bigint;
  recipient: `0x${string}`;
  recipientLabel: string | null;
  context: `0x${string}`;
  message: string;
  lifetimeSeconds: number;
  expiry: bigint;
  refundOf: string | null;
  status: DeliveryStatus;
  sender: `0x${string}`;
  chainId: number;
  contract: `0x${string}` | null;
  token: `0x${string}` | null;
  nonce: bigint | null;
  rawTx: `0x${string}` | null;
  txHash: `0x${string}` | null;
  blockNumber: bigint | null;
  giftId: bigint | null;
  failureCode: string | null;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
};

type Row = Record<string, unknown>;

/** The selected columns, qualified by a table alias `t` when given (`d.id`, `d.seq`, ...). */
const columnsOf = (t = "") =>
  `${t}id, ${t}seq, ${t}user_id, ${t}kind, ${t}amount::text AS amount, ${t}recipient,
  ${t}recipient_label, ${t}context, ${t}message, ${t}lifetime_seconds, ${t}expiry, ${t}refund_of,
  ${t}status, ${t}sender, ${t}chain_id, ${t}contract, ${t}token, ${t}nonce, ${t}raw_tx, ${t}tx_hash,
  ${t}block_number, ${t}gift_id::text AS gift_id, ${t}failure_code, ${t}failure_reason, ${t}attempts,
  ${t}created_at, ${t}sent_at, ${t}finished_at, ${t}updated_at`;
const COLUMNS = columnsOf();

function toDelivery(row: Row): Delivery {
  return {
    id: row.id as string,
    seq: row.seq as bigint,
    userId: row.user_id as string | null,
    kind: row.kind as DeliveryKind,
    amount: BigInt(row.amount as string),
    recipient: row.recipient as `0x${string}`,
    recipientLabel: row.recipient_label as string | null,
    context: row.context as `0x${string}`,
    message: row.message as string,
    lifetimeSeconds: row.lifetime_seconds as number,
    expiry: row.expiry as bigint,
    refundOf: row.refund_of as string | null,
    status: row.status as DeliveryStatus,
    sender: row.sender as `0x${string}`,
    chainId: row.chain_id as number,
    contract: row.contract as `0x${string}` | null,
    token: row.token as `0x${string}` | null,
    nonce: row.nonce as bigint | null,
    rawTx: row.raw_tx as `0x${string}` | null,
    txHash: row.tx_hash as `0x${string}` | null,
    blockNumber: row.block_number as bigint | null,
    giftId: row.gift_id === null ? null : BigInt(row.gift_id as string),
    failureCode: row.failure_code as string | null,
    failureReason: row.failure_reason as string | null,
    attempts: row.attempts as number,
    createdAt: row.created_at as Date,
    sentAt: row.sent_at as Date | null,
    finishedAt: row.finished_at as Date | null,
    updatedAt: row.updated_at as Date,
  };
}

export type NewDelivery = {
  userId: string | null;
  kind: DeliveryKind;
  amount: bigint;
  recipient: `0x${string}`;
  recipientLabel?: string | null;
  context?: `0x${string}`;
  message?: string;
  lifetimeSeconds?: number;
  refundOf?: string;
  sender: `0x${string}`;
  chainId: number;
};

export async function insertDelivery(db: Queryable, d: NewDelivery): Promise<Delivery> {
  const { rows } = await db.query(
    `INSERT INTO deliveries (user_id, kind, amount, recipient, recipient_label, context, message,
       lifetime_seconds, refund_of, sender, chain_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING ${COLUMNS}`,
    [
      d.userId,
      d.kind,
      d.amount.toString(),
      d.recipient,
      d.recipientLabel ?? null,
      d.context ?? zeroHash,
      d.message ?? "",
      d.lifetimeSeconds ?? 0,
      d.refundOf ?? null,
      d.sender,
      d.chainId,
    ],
  );
  return toDelivery(rows[0] as Row);
}

export async function findDelivery(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Delivery | undefined> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries WHERE id = $1${options.forUpdate ? " FOR UPDATE" : ""}`,
    [id],
  );
  return rows[0] ? toDelivery(rows[0] as Row) : undefined;
}

/** A user's deliveries, newest first, before the cursor (a `seq`). */
export async function listUserDeliveries(
  db: Queryable,
  userId: string,
  options: { before?: bigint; limit: number },
): Promise<Delivery[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE user_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint)
      ORDER BY seq DESC LIMIT $3`,
    [userId, options.before?.toString() ?? null, options.limit],
  );
  return rows.map(toDelivery);
}

/**
 * Which worker signs a row: the delivery worker (treasury key) everything but relayed claims, the
 * relayer (its own key) those alone.
 */
export type Lane = "delivery" | "relay";

/**
 * Queued rows of a chain and lane, oldest first; rows another worker holds are skipped. Any
 * sender's: the signing worker's key becomes the sender, so a rotated key picks up what is queued.
 */
export async function claimQueued(
  db: Queryable,
  chainId: number,
  limit: number,
  lane: Lane = "delivery",
): Promise<Delivery[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE status = 'queued' AND chain_id = $1 AND (kind = 'relay_claim') = $3
      ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [chainId, limit, lane === "relay"],
  );
  return rows.map(toDelivery);
}

/** Stores the signed transaction before anything is broadcast (the crash-safety point). */
export async function markSigned(
  db: Queryable,
  id: string,
  tx: {
    sender: string;
    nonce: bigint;
    rawTx: string;
    txHash: string;
    contract: string;
    token: string;
    expiry: bigint;
  },
): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = 'signed', nonce = $2, raw_tx = $3, tx_hash = $4, contract = $5,
       token = $6, expiry = $7, sender = $8, signed_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'queued'`,
    [
      id,
      tx.nonce.toString(),
      tx.rawTx,
      tx.txHash,
      tx.contract,
      tx.token,
      tx.expiry.toString(),
      tx.sender,
    ],
  );
}

/**
 * The node accepted (or already had) these transactions. Returns the rows sent for the first time
 * (they were only signed until now), for their `delivery.broadcast` events.
 */
export async function markSent(db: Queryable, ids: readonly string[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(
    `UPDATE deliveries d SET status = 'sent', sent_at = now(), attempts = attempts + 1,
       last_error = NULL, updated_at = now()
       FROM (SELECT id, status AS was FROM deliveries
              WHERE id = ANY($1::uuid[]) AND status IN ('signed', 'sent') FOR UPDATE) old
      WHERE d.id = old.id
      RETURNING ${columnsOf("d.")}, old.was`,
    [ids],
  );
  return rows.filter((row) => row.was === "signed").map((row) => toDelivery(row as Row));
}

/** Whether any row of this chain and lane waits to be signed (a cheap check before reading the chain). */
export async function hasQueued(
  db: Queryable,
  chainId: number,
  lane: Lane = "delivery",
): Promise<boolean> {
  const { rows } = await db.query(
    "SELECT 1 FROM deliveries WHERE status = 'queued' AND chain_id = $1 AND (kind = 'relay_claim') = $2 LIMIT 1",
    [chainId, lane === "relay"],
  );
  return rows.length > 0;
}

/** The earliest expiry among confirmed escrowed gifts not yet seen claimed or refunded. */
export function soonestOpenEscrowExpiry(db: Queryable, chainId: number) {
  return leastOfConfirmedEscrows(db, chainId, "expiry", { openOnly: true });
}

export async function noteError(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(
    `UPDATE deliveries SET attempts = attempts + 1, last_error = left($2, 500), updated_at = now()
      WHERE id = $1`,
    [id, error],
  );
}

/** Signed or sent rows of a sender, in nonce order: the ones to broadcast or confirm. */
export async function listInFlight(
  db: Queryable,
  sender: string,
  chainId: number,
  limit: number,
): Promise<Delivery[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE status IN ('signed', 'sent') AND sender = $1 AND chain_id = $2
      ORDER BY nonce LIMIT $3`,
    [sender, chainId, limit],
  );
  return rows.map(toDelivery);
}

/** Back to the queue, forgetting a transaction that can never be mined (its nonce is spent). */
export async function requeueDelivery(db: Queryable, id: string, why: string): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = 'queued', nonce = NULL, raw_tx = NULL, tx_hash = NULL,
       signed_at = NULL, sent_at = NULL, last_error = left($2, 500), updated_at = now()
      WHERE id = $1`,
    [id, why],
  );
}

export async function markConfirmed(
  db: Queryable,
  id: string,
  r: { blockNumber: bigint; blockHash: string; giftId: bigint | undefined },
): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = 'confirmed', block_number = $2, block_hash = $3, gift_id = $4,
       finished_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, r.blockNumber.toString(), r.blockHash, r.giftId?.toString() ?? null],
  );
}

export async function markFailed(
  db: Queryable,
  id: string,
  f: { code: string; reason: string; blockNumber?: bigint; blockHash?: string },
): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = 'failed', failure_code = $2, failure_reason = left($3, 500),
       block_number = $4, block_hash = $5, finished_at = now(), updated_at = now()
      WHERE id = $1`,
    [id, f.code, f.reason, f.blockNumber?.toString() ?? null, f.blockHash ?? null],
  );
}

/** Confirmed escrowed gifts past `chainTime` with no live refund action and not yet closed. */
export async function expiredOpenGifts(
  db: Queryable,
  chainId: number,
  chainTime: bigint,
  limit: number,
): Promise<Delivery[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries d
      WHERE d.status = 'confirmed' AND d.kind IN ('gift_social', 'gift_link')
        AND d.escrow_closed_at IS NULL AND d.chain_id = $1 AND d.expiry <= $2
        AND NOT EXISTS (SELECT 1 FROM deliveries r WHERE r.refund_of = d.id AND r.status <> 'failed')
      ORDER BY d.expiry LIMIT $3`,
    [chainId, chainTime.toString(), limit],
  );
  return rows.map(toDelivery);
}

export async function closeEscrow(db: Queryable, id: string): Promise<void> {
  await db.query(
    "UPDATE deliveries SET escrow_closed_at = coalesce(escrow_closed_at, now()), updated_at = now() WHERE id = $1",
    [id],
  );
}

/** The card-paid escrowed gift with this on-chain id, locked. */
export async function findGiftForRefund(
  db: Queryable,
  chainId: number,
  vault: string,
  giftId: bigint,
): Promise<Delivery | undefined> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE chain_id = $1 AND contract = $2 AND gift_id = $3
        AND kind IN ('gift_social', 'gift_link') FOR UPDATE`,
    [chainId, vault, giftId.toString()],
  );
  return rows[0] ? toDelivery(rows[0] as Row) : undefined;
}

/** Lowest block of a confirmed escrowed gift on this chain: where a new refund scan starts. */
export function firstEscrowBlock(db: Queryable, chainId: number) {
  return leastOfConfirmedEscrows(db, chainId, "block_number");
}

/**
 * The least `column` of this chain's confirmed escrowed gifts (`openOnly`: those not yet seen
 * claimed or refunded); undefined when there are none.
 */
async function leastOfConfirmedEscrows(
  db: Queryable,
  chainId: number,
  column: "expiry" | "block_number",
  { openOnly = false } = {},
): Promise<bigint | undefined> {
  const { rows } = await db.query<{ least: bigint | null }>(
    `SELECT min(${column}) AS least FROM deliveries
      WHERE chain_id = $1 AND status = 'confirmed' AND kind IN ('gift_social', 'gift_link')
        AND ($2 = false OR escrow_closed_at IS NULL)`,
    [chainId, openOnly],
  );
  return rows[0]?.least ?? undefined;
}

/** Outbox depth by status and the age of the oldest unfinished row, for metrics. */
export async function outboxStats(
  db: Queryable,
): Promise<{ depth: Record<"queued" | "signed" | "sent", number>; oldestSeconds: number }> {
  const { rows } = await db.query<{ status: string; n: number; oldest: number | null }>(
    `SELECT status, count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM deliveries WHERE status IN ('queued', 'signed', 'sent') GROUP BY status`,
  );
  const depth = { queued: 0, signed: 0, sent: 0 };
  let oldest = 0;
  for (const row of rows) {
    depth[row.status as keyof typeof depth] = row.n;
    oldest = Math.max(oldest, row.oldest ?? 0);
  }
  return { depth, oldestSeconds: oldest };
}
