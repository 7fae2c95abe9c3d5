import type { Queryable } from "../db/pool.ts";
import type { ActivityItem, Patch } from "./activity-items.ts";

/** Inserts a line; an existing one keeps its place, time and title and takes the newer facts. */
export async function putActivity(db: Queryable, item: ActivityItem): Promise<void> {
  await db.query(
    `INSERT INTO activity_items (user_id, id, at, kind, direction, amount, amount_cents, status, title,
                                 counterparty, tx_hash, ref)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (user_id, id) DO UPDATE SET
       status = excluded.status,
       counterparty = coalesce(excluded.counterparty, activity_items.counterparty),
       tx_hash = coalesce(excluded.tx_hash, activity_items.tx_hash),
       ref = activity_items.ref || excluded.ref,
       updated_at = now()`,
    [
      item.userId,
      item.id,
      item.at,
      item.kind,
      item.direction,
      item.amount.toString(),
      item.amountCents,
      item.status,
      item.title,
      item.counterparty,
      item.txHash,
      JSON.stringify(item.ref),
    ],
  );
}

export async function patchActivity(db: Queryable, change: Patch): Promise<void> {
  const { set } = change;
  await db.query(
    `UPDATE activity_items SET status = coalesce($3, status), title = coalesce($4, title),
            tx_hash = coalesce($5, tx_hash), ref = ref || $6::jsonb, updated_at = now()
      WHERE user_id = $1 AND id = $2`,
    [
      change.userId,
      change.id,
      set.status ?? null,
      set.title ?? null,
      set.txHash ?? null,
      JSON.stringify(set.ref ?? {}),
    ],
  );
}

type Row = {
  seq: bigint;
  id: string;
  user_id: string;
  at: Date;
  kind: ActivityItem["kind"];
  direction: ActivityItem["direction"];
  amount: string;
  amount_cents: bigint | null;
  status: ActivityItem["status"];
  title: string;
  counterparty: string | null;
  tx_hash: string | null;
  ref: ActivityItem["ref"];
};

export type StoredActivity = ActivityItem & { seq: bigint };

/** The user's lines, newest first, before `before` (a seq) when given. */
export async function listActivity(
  db: Queryable,
  userId: string,
  options: { limit: number; before?: bigint },
): Promise<StoredActivity[]> {
  const { rows } = await db.query<Row>(
    `SELECT seq, id, user_id, at, kind, direction, amount::text AS amount, amount_cents, status,
            title, counterparty, tx_hash, ref
       FROM activity_items
      WHERE user_id = $1 AND ($2::bigint IS NULL OR seq < $2)
      ORDER BY seq DESC LIMIT $3`,
    [userId, options.before?.toString() ?? null, options.limit],
  );
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    userId: row.user_id,
    at: row.at,
    kind: row.kind,
    direction: row.direction,
    amount: BigInt(row.amount),
    amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    status: row.status,
    title: row.title,
    counterparty: row.counterparty,
    txHash: row.tx_hash,
    ref: row.ref,
  }));
}
