import type { Queryable } from "../db/pool.ts";
import type { DeliveryStatus } from "../delivery/outbox.repository.ts";

export type RelayKind = "link" | "link_batch" | "social";
export type Destination = "wallet" | "credits";

/** The gift struct as stored (decimal strings), field for field the vault's `Gift`. */
export type StoredGift = {
  token: `0x${string}`;
  sender: `0x${string}`;
  kind: number;
  recipient: `0x${string}`;
  amount: string;
  expiry: number;
};
export type Compact = { r: `0x${string}`; yParityAndS: `0x${string}` };
export type CallArgs =
  | { kind: "link"; gifts: StoredGift[]; signatures: Compact[] }
  | { kind: "social"; gifts: StoredGift[]; deadline: string; attestation: Compact };

export type RelayClaim = {
  id: string;
  seq: bigint;
  deliveryId: string;
  kind: RelayKind;
  destination: Destination;
  userId: string | null;
  clientIp: string;
  chainId: number;
  vault: `0x${string}`;
  recipient: `0x${string}`;
  giftIds: bigint[];
  callArgs: CallArgs;
  attestationId: string | null;
  amount: bigint;
  gasLimit: bigint;
  budgetDay: string;
  reservedWei: bigint;
  spentWei: bigint | null;
  outcome: "confirmed" | "failed" | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  /** From the outbox row. */
  txStatus: DeliveryStatus;
  txHash: `0x${string}` | null;
};

type Row = Record<string, unknown>;

const COLUMNS = `c.id, c.seq, c.delivery_id, c.kind, c.destination, c.user_id, c.client_ip, c.chain_id,
  c.vault, c.recipient, c.gift_ids, c.call_args, c.attestation_id, c.amount::text AS amount,
  c.gas_limit, c.budget_day::text AS budget_day, c.reserved_wei::text AS reserved_wei,
  c.spent_wei::text AS spent_wei, c.outcome, c.failure_code, c.failure_message, c.created_at,
  d.status AS tx_status, d.tx_hash`;
const FROM = "relay_claims c JOIN deliveries d ON d.id = c.delivery_id";

function toClaim(row: Row): RelayClaim {
  return {
    id: row.id as string,
    seq: row.seq as bigint,
    deliveryId: row.delivery_id as string,
    kind: row.kind as RelayKind,
    destination: row.destination as Destination,
    userId: row.user_id as string | null,
    clientIp: row.client_ip as string,
    chainId: row.chain_id as number,
    vault: row.vault as `0x${string}`,
    recipient: row.recipient as `0x${string}`,
    giftIds: (row.gift_ids as string[]).map(BigInt),
    callArgs: row.call_args as CallArgs,
    attestationId: row.attestation_id as string | null,
    amount: BigInt(row.amount as string),
    gasLimit: row.gas_limit as bigint,
    budgetDay: row.budget_day as string,
    reservedWei: BigInt(row.reserved_wei as string),
    spentWei: row.spent_wei === null ? null : BigInt(row.spent_wei as string),
    outcome: row.outcome as RelayClaim["outcome"],
    failureCode: row.failure_code as string | null,
    failureMessage: row.failure_message as string | null,
    createdAt: row.created_at as Date,
    txStatus: row.tx_status as DeliveryStatus,
    txHash: row.tx_hash as `0x${string}` | null,
  };
}

export type NewRelayClaim = Omit<
  RelayClaim,
  | "id"
  | "seq"
  | "spentWei"
  | "outcome"
  | "failureCode"
  | "failureMessage"
  | "createdAt"
  | "txStatus"
  | "txHash"
>;

/** The claim and its per-gift locks (the unique index refuses a second live claim of a gift). */
export async function insertRelayClaim(db: Queryable, c: NewRelayClaim): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO relay_claims (delivery_id, kind, destination, user_id, client_ip, chain_id, vault,
       recipient, gift_ids, call_args, attestation_id, amount, gas_limit, budget_day, reserved_wei)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [
      c.deliveryId,
      c.kind,
      c.destination,
      c.userId,
      c.clientIp,
      c.chainId,
      c.vault,
      c.recipient,
      c.giftIds.map(String),
      JSON.stringify(c.callArgs),
      c.attestationId,
      c.amount.toString(),
      c.gasLimit.toString(),
      c.budgetDay,
      c.reservedWei.toString(),
    ],
  );
  const id = (rows[0] as { id: string }).id;
  await db.query(
    `INSERT INTO relay_claim_gifts (claim_id, chain_id, vault, gift_id)
     SELECT $1, $2, $3, unnest($4::numeric[])`,
    [id, c.chainId, c.vault, c.giftIds.map(String)],
  );
  return id;
}

/** Gift ids among `giftIds` that already have a live relayed claim. */
export async function liveClaimedGifts(
  db: Queryable,
  chainId: number,
  vault: string,
  giftIds: readonly bigint[],
): Promise<bigint[]> {
  const { rows } = await db.query<{ gift_id: string }>(
    `SELECT gift_id::text AS gift_id FROM relay_claim_gifts
      WHERE chain_id = $1 AND vault = $2 AND gift_id = ANY($3::numeric[]) AND live`,
    [chainId, vault, giftIds.map(String)],
  );
  return rows.map((row) => BigInt(row.gift_id));
}

/** How many claims `who` queued in the last `seconds`, and when the oldest of them was queued. */
export async function claimsSince(
  db: Queryable,
  who: { userId: string } | { clientIp: string },
  seconds: number,
): Promise<{ count: number; oldestAgeSeconds: number }> {
  const [column, value] = "userId" in who ? ["user_id", who.userId] : ["client_ip", who.clientIp];
  const { rows } = await db.query<{ n: number; age: number | null }>(
    `SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age
       FROM relay_claims WHERE ${column} = $1 AND created_at > now() - make_interval(secs => $2)`,
    [value, seconds],
  );
  return { count: rows[0]?.n ?? 0, oldestAgeSeconds: rows[0]?.age ?? 0 };
}

export async function findRelayClaim(db: Queryable, id: string): Promise<RelayClaim | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1`, [id]);
  return rows[0] ? toClaim(rows[0] as Row) : undefined;
}

/** The claim an outbox row carries, locked (its final state is written once). */
export async function findClaimOfDelivery(
  db: Queryable,
  deliveryId: string,
): Promise<RelayClaim | undefined> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE c.delivery_id = $1 FOR UPDATE OF c`,
    [deliveryId],
  );
  return rows[0] ? toClaim(rows[0] as Row) : undefined;
}

export async function listUserClaims(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<RelayClaim[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE c.user_id = $1 ORDER BY c.seq DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((row) => toClaim(row as Row));
}

/** Records the final outcome and frees the gifts for another claim (the chain decides from here). */
export async function finishClaim(
  db: Queryable,
  id: string,
  f: { outcome: "confirmed" | "failed"; spentWei: bigint; code?: string; message?: string },
): Promise<void> {
  await db.query(
    `UPDATE relay_claims SET outcome = $2, spent_wei = $3, failure_code = $4,
       failure_message = left($5, 500), finished_at = now() WHERE id = $1`,
    [id, f.outcome, f.spentWei.toString(), f.code ?? null, f.message ?? null],
  );
  await db.query("UPDATE relay_claim_gifts SET live = false WHERE claim_id = $1", [id]);
}
