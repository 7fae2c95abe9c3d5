import type { Queryable } from "../db/pool.ts";

export type PurchaseStatus = "open" | "processing" | "paid" | "failed" | "expired" | "over_limit";

export type Purchase = {
  id: string;
  userId: string;
  /** Integer US cents (at most PURCHASE_MAX_CENTS, well inside int4). */
  amountCents: number;
  priceCentsPerBoon: number;
  credits: bigint;
  status: PurchaseStatus;
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  checkoutUrl: string | null;
  /** When the Checkout Session expires at Stripe (an open purchase holds capacity until then). */
  checkoutExpiresAt: Date | null;
  refundedCents: number;
  refundPostedCents: number;
  creditsReversed: bigint;
  createdAt: Date;
  paidAt: Date | null;
};

type Row = {
  id: string;
  user_id: string;
  amount_cents: number;
  price_cents_per_boon: number;
  credits: string;
  status: PurchaseStatus;
  stripe_session_id: string | null;
  stripe_payment_intent_id: string | null;
  checkout_url: string | null;
  checkout_expires_at: Date | null;
  refunded_cents: number;
  refund_posted_cents: number;
  credits_reversed: string;
  created_at: Date;
  paid_at: Date | null;
};

// Cents read as int4 so they arrive as exact JS integers; credits as text for BigInt.
const COLUMNS = `id, user_id, amount_cents::int4 AS amount_cents,
  price_cents_per_boon::int4 AS price_cents_per_boon, credits::text, status, stripe_session_id,
  stripe_payment_intent_id, checkout_url, checkout_expires_at, refunded_cents::int4 AS refunded_cents,
  refund_posted_cents::int4 AS refund_posted_cents, credits_reversed::text, created_at, paid_at`;

function fromRow(row: Row): Purchase {
  return {
    id: row.id,
    userId: row.user_id,
    amountCents: row.amount_cents,
    priceCentsPerBoon: row.price_cents_per_boon,
    credits: BigInt(row.credits),
    status: row.status,
    stripeSessionId: row.stripe_session_id,
    stripePaymentIntentId: row.stripe_payment_intent_id,
    checkoutUrl: row.checkout_url,
    checkoutExpiresAt: row.checkout_expires_at,
    refundedCents: row.refunded_cents,
    refundPostedCents: row.refund_posted_cents,
    creditsReversed: BigInt(row.credits_reversed),
    createdAt: row.created_at,
    paidAt: row.paid_at,
  };
}

export async function insertPurchase(
  db: Queryable,
  p: { userId: string; amountCents: number; priceCentsPerBoon: number; credits: bigint },
): Promise<Purchase> {
  const { rows } = await db.query<Row>(
    `INSERT INTO purchases (user_id, amount_cents, price_cents_per_boon, credits) VALUES ($1, $2, $3, $4)
     RETURNING ${COLUMNS}`,
    [p.userId, p.amountCents, p.priceCentsPerBoon, p.credits.toString()],
  );
  return fromRow(rows[0] as Row);
}

export async function setCheckoutSession(
  db: Queryable,
  id: string,
  session: { id: string; url: string | null; expiresAt: Date | null },
): Promise<Purchase> {
  const { rows } = await db.query<Row>(
    `UPDATE purchases SET stripe_session_id = $2, checkout_url = $3, checkout_expires_at = $4,
            updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, session.id, session.url, session.expiresAt],
  );
  return fromRow(rows[0] as Row);
}

export async function findPurchaseForUser(
  db: Queryable,
  id: string,
  userId: string,
): Promise<Purchase | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM purchases WHERE id = $1 AND user_id = $2`,
    [id, userId],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Locks the purchase a Stripe object points at (our id in metadata, else its session or payment intent). */
export async function lockPurchase(
  db: Queryable,
  ref: {
    id?: string | undefined;
    sessionId?: string | undefined;
    paymentIntentId?: string | undefined;
  },
): Promise<Purchase | undefined> {
  const id = ref.id !== undefined && UUID.test(ref.id) ? ref.id : null;
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM purchases
      WHERE id = $1::uuid OR stripe_session_id = $2 OR stripe_payment_intent_id = $3
      ORDER BY (id = $1::uuid) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
    [id, ref.sessionId ?? null, ref.paymentIntentId ?? null],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}

export async function updatePurchase(
  db: Queryable,
  id: string,
  patch: {
    status?: PurchaseStatus;
    paymentIntentId?: string;
    paid?: boolean;
    refundedCents?: number;
    refundPostedCents?: number;
    creditsReversed?: bigint;
  },
): Promise<Purchase> {
  const { rows } = await db.query<Row>(
    `UPDATE purchases SET
       status = coalesce($2, status),
       stripe_payment_intent_id = coalesce(stripe_payment_intent_id, $3),
       paid_at = CASE WHEN $4::boolean THEN coalesce(paid_at, now()) ELSE paid_at END,
       refunded_cents = coalesce($5::bigint, refunded_cents),
       refund_posted_cents = coalesce($6::bigint, refund_posted_cents),
       credits_reversed = coalesce($7::numeric, credits_reversed),
       updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      patch.status ?? null,
      patch.paymentIntentId ?? null,
      patch.paid ?? false,
      patch.refundedCents ?? null,
      patch.refundPostedCents ?? null,
      patch.creditsReversed?.toString() ?? null,
    ],
  );
  return fromRow(rows[0] as Row);
}

/** What a purchase's history adds to its row: whether the buyer cancelled, any open dispute. */
export type PurchaseHistory = Purchase & { cancelled: boolean; disputeStatus: string | null };

const HISTORY_COLUMNS = `${COLUMNS},
  EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'purchase' AND e.subject_id = p.id::text
           AND e.type = 'purchase.failed' AND (e.payload->>'cancelled')::boolean) AS cancelled,
  (SELECT d.status FROM stripe_disputes d WHERE d.purchase_id = p.id
    ORDER BY d.created_at DESC LIMIT 1) AS dispute_status`;

type HistoryRow = Row & { cancelled: boolean; dispute_status: string | null };

const fromHistoryRow = (row: HistoryRow): PurchaseHistory => ({
  ...fromRow(row),
  cancelled: row.cancelled,
  disputeStatus: row.dispute_status,
});

/** The user's purchases, newest first. */
export async function listPurchaseHistory(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<PurchaseHistory[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS} FROM purchases p WHERE p.user_id = $1
      ORDER BY p.created_at DESC, p.id LIMIT $2`,
    [userId, limit],
  );
  return rows.map(fromHistoryRow);
}

/** One purchase of the user with its history; undefined for a missing one or another user's. */
export async function findPurchaseHistory(
  db: Queryable,
  id: string,
  userId: string,
): Promise<PurchaseHistory | undefined> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT ${HISTORY_COLUMNS} FROM purchases p WHERE p.id = $1 AND p.user_id = $2`,
    [id, userId],
  );
  return rows[0] ? fromHistoryRow(rows[0]) : undefined;
}

export async function findPurchaseById(db: Queryable, id: string): Promise<Purchase | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM purchases WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}
