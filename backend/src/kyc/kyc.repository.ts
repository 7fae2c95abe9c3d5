import type { Queryable } from "../db/pool.ts";
import type { Reservation, Tier } from "./tiers.ts";

export type UserLimit = { tier: Tier; restricted: boolean };

/** Purchase states that hold capacity in the rolling window (a reservation or a payment). */
export const COUNTED_STATUSES = ["open", "processing", "paid"] as const;

export async function getUserLimit(db: Queryable, userId: string): Promise<UserLimit> {
  const { rows } = await db.query<UserLimit>(
    "SELECT tier, restricted FROM user_limits WHERE user_id = $1",
    [userId],
  );
  return rows[0] ?? { tier: "BASIC", restricted: false };
}

/**
 * Takes the per-user limit lock (row lock on user_limits, created on first use) for the rest of the
 * transaction: every reservation and re-check for this user runs one at a time.
 */
export async function lockUserLimit(db: Queryable, userId: string): Promise<UserLimit> {
  await db.query("INSERT INTO user_limits (user_id) VALUES ($1) ON CONFLICT DO NOTHING", [userId]);
  const { rows } = await db.query<UserLimit>(
    "SELECT tier, restricted FROM user_limits WHERE user_id = $1 FOR UPDATE",
    [userId],
  );
  const row = rows[0];
  if (!row) throw new Error(`user_limits row for ${userId} vanished`);
  return row;
}

/**
 * Purchases counting against the window, optionally leaving one out (the one being re-checked). An
 * open one counts only until its checkout expires (`heldUntil`), whether or not Stripe's webhook
 * about the expiry has arrived.
 */
export async function reservationsInWindow(
  db: Queryable,
  userId: string,
  excludePurchaseId?: string,
): Promise<Reservation[]> {
  const { rows } = await db.query<{
    id: string;
    amount_cents: number;
    created_at: Date;
    held_until: Date | null;
  }>(
    `SELECT id, amount_cents::int4 AS amount_cents, created_at,
            CASE WHEN status = 'open' THEN checkout_expires_at END AS held_until
       FROM purchases
      WHERE user_id = $1 AND status = ANY($2::text[]) AND created_at > now() - interval '24 hours'
        AND NOT (status = 'open' AND checkout_expires_at <= now())
        AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [userId, COUNTED_STATUSES, excludePurchaseId ?? null],
  );
  return rows.map((row) => ({
    purchaseId: row.id,
    amountCents: row.amount_cents,
    createdAt: row.created_at,
    heldUntil: row.held_until,
  }));
}

export async function restrictUser(db: Queryable, userId: string, reason: string): Promise<void> {
  await db.query(
    `INSERT INTO user_limits (user_id, restricted, restricted_reason) VALUES ($1, true, $2)
     ON CONFLICT (user_id) DO UPDATE SET restricted = true, restricted_reason = $2, updated_at = now()`,
    [userId, reason],
  );
}

export async function setTier(db: Queryable, userId: string, tier: Tier): Promise<void> {
  await db.query(
    `INSERT INTO user_limits (user_id, tier) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET tier = $2, updated_at = now()`,
    [userId, tier],
  );
}

export type VerificationStatus = "requires_input" | "processing" | "verified" | "canceled";

export type Verification = {
  id: string;
  userId: string;
  targetTier: Exclude<Tier, "BASIC">;
  stripeSessionId: string;
  status: VerificationStatus;
  url: string | null;
  createdAt: Date;
};

const VERIFICATION_COLUMNS = `id, user_id AS "userId", target_tier AS "targetTier",
  stripe_session_id AS "stripeSessionId", status, url, created_at AS "createdAt"`;

export async function insertVerification(
  db: Queryable,
  v: {
    userId: string;
    targetTier: Exclude<Tier, "BASIC">;
    stripeSessionId: string;
    url: string | null;
  },
): Promise<Verification> {
  const { rows } = await db.query<Verification>(
    `INSERT INTO kyc_verifications (user_id, target_tier, stripe_session_id, url) VALUES ($1, $2, $3, $4)
     RETURNING ${VERIFICATION_COLUMNS}`,
    [v.userId, v.targetTier, v.stripeSessionId, v.url],
  );
  const row = rows[0];
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function lockVerificationBySession(
  db: Queryable,
  stripeSessionId: string,
): Promise<Verification | undefined> {
  const { rows } = await db.query<Verification>(
    `SELECT ${VERIFICATION_COLUMNS} FROM kyc_verifications WHERE stripe_session_id = $1 FOR UPDATE`,
    [stripeSessionId],
  );
  return rows[0];
}

export async function updateVerificationStatus(
  db: Queryable,
  id: string,
  status: VerificationStatus,
): Promise<void> {
  await db.query("UPDATE kyc_verifications SET status = $2, updated_at = now() WHERE id = $1", [
    id,
    status,
  ]);
}

export async function listVerifications(db: Queryable, userId: string): Promise<Verification[]> {
  const { rows } = await db.query<Verification>(
    `SELECT ${VERIFICATION_COLUMNS} FROM kyc_verifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20`,
    [userId],
  );
  return rows;
}
