import type { Queryable } from "../db/pool.ts";
import type { Asset } from "./accounts.ts";

export type EntryInput = { account: string; amount: bigint };

export type JournalInput = {
  /** Unique: posting the same key again returns the first journal and writes nothing. */
  key: string;
  kind: string;
  memo?: string;
  userId?: string | null;
  entries: EntryInput[];
};

export type LedgerEntryRow = {
  id: bigint;
  journalId: bigint;
  kind: string;
  memo: string;
  asset: Asset;
  amount: bigint;
  createdAt: Date;
};

/** Creates the user's BOON account (and its zero balance row) if missing. */
export async function openUserAccount(db: Queryable, userId: string, code: string): Promise<void> {
  await db.query(
    `INSERT INTO ledger_accounts (code, kind, user_id, asset, allow_negative)
     VALUES ($1, 'user', $2, 'BOON', false) ON CONFLICT DO NOTHING`,
    [code, userId],
  );
}

/**
 * Posts the journal in one statement through `ledger_postings` (migration 0014): the database
 * checks that the amounts sum to zero per asset, inserts the journal and its entries and moves the
 * balance rows in account order. Returns the journal id and whether it was created now (a repeated
 * key returns the first journal).
 */
export async function insertJournal(
  db: Queryable,
  journal: JournalInput,
): Promise<{ journalId: bigint; created: boolean }> {
  const codes = journal.entries.map((entry) => entry.account);
  const amounts = journal.entries.map((entry) => entry.amount.toString());
  // Named (prepared once per connection): this is the hottest statement in the ledger.
  const { rows } = await db.query<{ journal_id: bigint; created: boolean }>({
    name: "ledger_post_journal",
    text: `INSERT INTO ledger_postings (key, kind, memo, user_id, accounts, amounts)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING journal_id, created`,
    values: [journal.key, journal.kind, journal.memo ?? "", journal.userId ?? null, codes, amounts],
  });
  const row = rows[0];
  if (!row) throw new Error(`journal ${journal.key} neither posted nor found`);
  return { journalId: row.journal_id, created: row.created };
}

/** Sum of the account's balance rows (one row, or a few shards for busy system accounts). */
export async function readBalance(db: Queryable, code: string): Promise<bigint> {
  const { rows } = await db.query<{ balance: string }>(
    `SELECT coalesce(sum(b.balance), 0)::text AS balance
       FROM ledger_accounts a JOIN ledger_balances b ON b.account_id = a.id
      WHERE a.code = $1`,
    [code],
  );
  return BigInt(rows[0]?.balance ?? "0");
}

/** Entries on one account, newest first, before the cursor (an entry id). */
export async function listEntries(
  db: Queryable,
  code: string,
  options: { before?: bigint; limit: number },
): Promise<LedgerEntryRow[]> {
  const { rows } = await db.query<{
    id: string;
    journal_id: string;
    kind: string;
    memo: string;
    asset: Asset;
    amount: string;
    created_at: Date;
  }>(
    `SELECT e.id::text, e.journal_id::text, j.kind, j.memo, e.asset, e.amount::text, e.created_at
       FROM ledger_accounts a
       JOIN ledger_entries e ON e.account_id = a.id
       JOIN ledger_journals j ON j.id = e.journal_id
      WHERE a.code = $1 AND ($2::bigint IS NULL OR e.id < $2::bigint)
      ORDER BY e.id DESC
      LIMIT $3`,
    [code, options.before?.toString() ?? null, options.limit],
  );
  return rows.map((row) => ({
    id: BigInt(row.id),
    journalId: BigInt(row.journal_id),
    kind: row.kind,
    memo: row.memo,
    asset: row.asset,
    amount: BigInt(row.amount),
    createdAt: row.created_at,
  }));
}

export type BalanceSummary = { balance: bigint; held: bigint; restricted: boolean };

/**
 * In one round trip: the balance (balance row), whether the account is restricted, and the card
 * credits still inside the tier's hold period (paid purchases newer than the hold, net of what
 * refunds and disputes took back).
 */
export async function balanceSummary(
  db: Queryable,
  code: string,
  userId: string,
  holdHours: { BASIC: number; STANDARD: number; PREMIUM: number },
): Promise<BalanceSummary> {
  const { rows } = await db.query<{ balance: string; held: string; restricted: boolean }>({
    name: "ledger_balance_summary",
    text: `WITH lim AS (
       SELECT coalesce((SELECT tier FROM user_limits WHERE user_id = $2), 'BASIC') AS tier,
              coalesce((SELECT restricted FROM user_limits WHERE user_id = $2), false) AS restricted
     ), hold AS (
       SELECT CASE tier WHEN 'PREMIUM' THEN $5::int WHEN 'STANDARD' THEN $4::int ELSE $3::int END AS hours, restricted
         FROM lim
     )
     SELECT (SELECT coalesce(sum(b.balance), 0) FROM ledger_accounts a JOIN ledger_balances b ON b.account_id = a.id
              WHERE a.code = $1)::text AS balance,
            (SELECT coalesce(sum(p.credits - p.credits_reversed), 0) FROM purchases p
              WHERE p.user_id = $2 AND p.status = 'paid' AND hold.hours > 0
                AND p.paid_at > now() - make_interval(hours => hold.hours))::text AS held,
            hold.restricted
       FROM hold`,
    values: [code, userId, holdHours.BASIC, holdHours.STANDARD, holdHours.PREMIUM],
  });
  const row = rows[0];
  if (!row) throw new Error("balance summary returned no row");
  return { balance: BigInt(row.balance), held: BigInt(row.held), restricted: row.restricted };
}

/**
 * The card credits still inside the tier's hold (the same purchases balanceSummary counts as
 * held), each with when its hold ends.
 */
export async function heldCardCredits(
  db: Queryable,
  userId: string,
  holdHours: { BASIC: number; STANDARD: number; PREMIUM: number },
): Promise<{ amount: bigint; releaseAt: Date }[]> {
  const { rows } = await db.query<{ amount: string; release_at: Date }>(
    `WITH hold AS (
       SELECT CASE coalesce((SELECT tier FROM user_limits WHERE user_id = $1), 'BASIC')
                WHEN 'PREMIUM' THEN $4::int WHEN 'STANDARD' THEN $3::int ELSE $2::int END AS hours
     )
     SELECT (p.credits - p.credits_reversed)::text AS amount,
            p.paid_at + make_interval(hours => hold.hours) AS release_at
       FROM purchases p, hold
      WHERE p.user_id = $1 AND p.status = 'paid' AND hold.hours > 0
        AND p.paid_at > now() - make_interval(hours => hold.hours)
        AND p.credits > p.credits_reversed
      ORDER BY release_at`,
    [userId, holdHours.BASIC, holdHours.STANDARD, holdHours.PREMIUM],
  );
  return rows.map((row) => ({ amount: BigInt(row.amount), releaseAt: row.release_at }));
}
