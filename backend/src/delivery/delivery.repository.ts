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

const COLUMNS = `id, seq, user_id, kind, amount::text AS amount, recipient, recipient_label, context,
  message, lifetime_seconds, expiry, refund_of, status, sender, chain_id, contract, token, nonce,
  raw_tx, tx_hash, block_number, gift_id::text AS gift_id, failure_code, failure_reason, attempts,
  created_at, sent_at, finished_at, updated_at`;

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
     VALUES ($1, $2, $3, $4, $5, coalesce($6, '0x' || repeat('0', 64)), $7, $8, $9, $10, $11)
     RETURNING ${COLUMNS}`,
    [
      d.userId,
      d.kind,
      d.amount.toString(),
      d.recipient,
      d.recipientLabel ?? null,
      d.context ?? null,
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

export type Sender = {
  address: `0x${string}`;
  chainId: number;
  nextNonce: bigint;
  floatAvailable: bigint;
  approvedVault: `0x${string}` | null;
};

/**
 * Creates the sender's row at `chainNonce` if missing and raises its next nonce to `chainNonce`
 * (a key also used elsewhere must never make us reuse a nonce). Run at worker start.
 */
export async function syncSender(
  db: Queryable,
  address: string,
  chainId: number,
  chainNonce: bigint,
): Promise<void> {
  await db.query(
    `INSERT INTO delivery_senders (address, chain_id, next_nonce) VALUES ($1, $2, $3)
     ON CONFLICT (address, chain_id) DO UPDATE
       SET next_nonce = GREATEST(delivery_senders.next_nonce, EXCLUDED.next_nonce), updated_at = now()`,
    [address, chainId, chainNonce.toString()],
  );
}

/** The sender's row, locked for the rest of the transaction (one signer at a time per key). */
export async function lockSender(db: Queryable, address: string, chainId: number): Promise<Sender> {
  const { rows } = await db.query(
    `SELECT address, chain_id, next_nonce, float_available::text AS float_available, approved_vault
       FROM delivery_senders WHERE address = $1 AND chain_id = $2 FOR UPDATE`,
    [address, chainId],
  );
  const row = rows[0] as Row | undefined;
  if (!row) throw new Error(`delivery sender ${address} is not initialised`);
  return {
    address: row.address as `0x${string}`,
    chainId: row.chain_id as number,
    nextNonce: row.next_nonce as bigint,
    floatAvailable: BigInt(row.float_available as string),
    approvedVault: row.approved_vault as `0x${string}` | null,
  };
}

export async function updateSender(
  db: Queryable,
  s: Pick<Sender, "address" | "chainId" | "nextNonce" | "floatAvailable" | "approvedVault">,
): Promise<void> {
  await db.query(
    `UPDATE delivery_senders SET next_nonce = $3, float_available = $4, approved_vault = $5, updated_at = now()
      WHERE address = $1 AND chain_id = $2`,
    [s.address, s.chainId, s.nextNonce.toString(), s.floatAvailable.toString(), s.approvedVault],
  );
}

/** Adds `delta` to the sender's float (tokens back from a refund or an unspent failed gift). */
export async function adjustFloat(
  db: Queryable,
  sender: { address: string; chainId: number },
  delta: bigint,
): Promise<void> {
  await db.query(
    `UPDATE delivery_senders SET float_available = float_available + $3, updated_at = now()
      WHERE address = $1 AND chain_id = $2`,
    [sender.address, sender.chainId, delta.toString()],
  );
}

export async function clearApprovedVault(
  db: Queryable,
  sender: { address: string; chainId: number },
): Promise<void> {
  await db.query(
    "UPDATE delivery_senders SET approved_vault = NULL, updated_at = now() WHERE address = $1 AND chain_id = $2",
    [sender.address, sender.chainId],
  );
}

/**
 * Queued rows of a chain, oldest first; rows another worker holds are skipped. Any sender's: the
 * signing worker's key becomes the sender, so a rotated treasury key picks up what is queued.
 */
export async function claimQueued(
  db: Queryable,
  chainId: number,
  limit: number,
): Promise<Delivery[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM deliveries
      WHERE status = 'queued' AND chain_id = $1
      ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [chainId, limit],
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

/** The node accepted (or already had) these transactions. */
export async function markSent(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1,
       last_error = NULL, updated_at = now()
      WHERE id = ANY($1::uuid[]) AND status IN ('signed', 'sent')`,
    [ids],
  );
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

/** Records a gift's refund once per gift id; false when it was already recorded. */
export async function insertGiftRefund(
  db: Queryable,
  r: {
    chainId: number;
    vault: string;
    giftId: bigint;
    deliveryId: string;
    userId: string;
    amount: bigint;
    txHash: string;
    blockNumber: bigint;
    logIndex: number;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO gift_refunds (chain_id, vault, gift_id, delivery_id, user_id, amount, tx_hash,
       block_number, log_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      r.chainId,
      r.vault.toLowerCase(),
      r.giftId.toString(),
      r.deliveryId,
      r.userId,
      r.amount.toString(),
      r.txHash,
      r.blockNumber.toString(),
      r.logIndex,
    ],
  );
  return rowCount === 1;
}

export async function readCursor(db: Queryable, name: string): Promise<bigint | undefined> {
  const { rows } = await db.query<{ block_number: bigint }>(
    "SELECT block_number FROM chain_cursors WHERE name = $1",
    [name],
  );
  return rows[0]?.block_number;
}

export async function writeCursor(db: Queryable, name: string, block: bigint): Promise<void> {
  await db.query(
    `INSERT INTO chain_cursors (name, block_number) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET block_number = GREATEST(chain_cursors.block_number, EXCLUDED.block_number), updated_at = now()`,
    [name, block.toString()],
  );
}

/** Lowest block of a confirmed escrowed gift on this chain: where a new refund scan starts. */
export async function firstEscrowBlock(
  db: Queryable,
  chainId: number,
): Promise<bigint | undefined> {
  const { rows } = await db.query<{ b: bigint | null }>(
    `SELECT min(block_number) AS b FROM deliveries
      WHERE chain_id = $1 AND status = 'confirmed' AND kind IN ('gift_social', 'gift_link')`,
    [chainId],
  );
  return rows[0]?.b ?? undefined;
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
