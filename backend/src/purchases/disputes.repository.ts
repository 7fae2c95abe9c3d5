import type { Queryable } from "../db/pool.ts";

/** A Stripe dispute on a purchase: its latest status and money facts, and what has been booked. */
export type DisputeRow = {
  id: string;
  purchaseId: string;
  amountCents: number;
  status: string;
  /** Funds Stripe withdrew for the dispute (0 for an inquiry). */
  withdrawnCents: number;
  /** Funds Stripe gave back (a won dispute). */
  reinstatedCents: number;
  creditsFromUser: bigint;
  creditsReceivable: bigint;
  openedPosted: boolean;
  wonPosted: boolean;
};

/**
 * Stripe's dispute statuses in the order a dispute moves through them: an inquiry may close or
 * escalate into a chargeback; a chargeback ends won or lost. A status never goes back down, so
 * events applied in any order leave the latest one.
 */
const STATUS_ORDER = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
];

/**
 * Records what a dispute event says: the status (never backwards) and the money facts, each only
 * ever raised (the largest withdrawal and reinstatement seen).
 */
export async function upsertDispute(
  db: Queryable,
  d: Pick<
    DisputeRow,
    "id" | "purchaseId" | "amountCents" | "status" | "withdrawnCents" | "reinstatedCents"
  >,
): Promise<void> {
  await db.query(
    `INSERT INTO stripe_disputes (id, purchase_id, amount_cents, status, withdrawn_cents, reinstated_cents)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET
       status = CASE
         WHEN coalesce(array_position($7::text[], EXCLUDED.status), 0)
            >= coalesce(array_position($7::text[], stripe_disputes.status), 0)
         THEN EXCLUDED.status ELSE stripe_disputes.status END,
       withdrawn_cents = greatest(stripe_disputes.withdrawn_cents, EXCLUDED.withdrawn_cents),
       reinstated_cents = greatest(stripe_disputes.reinstated_cents, EXCLUDED.reinstated_cents),
       updated_at = now()`,
    [
      d.id,
      d.purchaseId,
      d.amountCents,
      d.status,
      d.withdrawnCents,
      d.reinstatedCents,
      STATUS_ORDER,
    ],
  );
}

export async function lockDisputes(db: Queryable, purchaseId: string): Promise<DisputeRow[]> {
  const { rows } = await db.query<{
    id: string;
    purchase_id: string;
    amount_cents: number;
    status: string;
    withdrawn_cents: number;
    reinstated_cents: number;
    credits_from_user: string;
    credits_receivable: string;
    opened_posted: boolean;
    won_posted: boolean;
  }>(
    `SELECT id, purchase_id, amount_cents::int4 AS amount_cents, status,
            withdrawn_cents::int4 AS withdrawn_cents, reinstated_cents::int4 AS reinstated_cents,
            credits_from_user::text, credits_receivable::text, opened_posted, won_posted
       FROM stripe_disputes WHERE purchase_id = $1 ORDER BY created_at, id FOR UPDATE`,
    [purchaseId],
  );
  return rows.map((row) => ({
    id: row.id,
    purchaseId: row.purchase_id,
    amountCents: row.amount_cents,
    status: row.status,
    withdrawnCents: row.withdrawn_cents,
    reinstatedCents: row.reinstated_cents,
    creditsFromUser: BigInt(row.credits_from_user),
    creditsReceivable: BigInt(row.credits_receivable),
    openedPosted: row.opened_posted,
    wonPosted: row.won_posted,
  }));
}

export async function markDispute(
  db: Queryable,
  id: string,
  patch: {
    openedPosted?: boolean;
    wonPosted?: boolean;
    creditsFromUser?: bigint;
    creditsReceivable?: bigint;
  },
): Promise<void> {
  await db.query(
    `UPDATE stripe_disputes SET
       opened_posted = coalesce($2, opened_posted),
       won_posted = coalesce($3, won_posted),
       credits_from_user = coalesce($4::numeric, credits_from_user),
       credits_receivable = coalesce($5::numeric, credits_receivable),
       updated_at = now()
     WHERE id = $1`,
    [
      id,
      patch.openedPosted ?? null,
      patch.wonPosted ?? null,
      patch.creditsFromUser?.toString() ?? null,
      patch.creditsReceivable?.toString() ?? null,
    ],
  );
}
