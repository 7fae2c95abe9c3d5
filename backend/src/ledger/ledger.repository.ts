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
 * Inserts the journal and its entries in one statement (the triggers update balance rows and check
 * the journal balances at commit). Returns the journal id and whether it was created now.
 */
export async function insertJournal(
  db: Queryable,
  journal: JournalInput,
): Promise<{ journalId: bigint; created: boolean }> {
  const codes = journal.entries.map((entry) => entry.account);
  const amounts = journal.entries.map((entry) => entry.amount.toString());
  // Named (prepared once per connection): this is the hottest statement in the ledger.
  const { rows } = await db.query<{ id: string | null; n: string }>({
    name: "ledger_insert_journal",
    text: `WITH j AS (
       INSERT INTO ledger_journals (key, kind, memo, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO NOTHING RETURNING id
     ), e AS (
       INSERT INTO ledger_entries (journal_id, account_id, asset, amount)
       SELECT j.id, a.id, a.asset, x.amount
         FROM j
         CROSS JOIN unnest($5::text[], $6::numeric[]) WITH ORDINALITY AS x(code, amount, ord)
         JOIN ledger_accounts a ON a.code = x.code
        ORDER BY x.ord
       RETURNING 1
     )
     SELECT (SELECT id FROM j)::text AS id, (SELECT count(*) FROM e)::text AS n`,
    values: [journal.key, journal.kind, journal.memo ?? "", journal.userId ?? null, codes, amounts],
  });
  const row = rows[0];
  if (row?.id == null) {
    const existing = await db.query<{ id: string }>(
      "SELECT id::text AS id FROM ledger_journals WHERE key = $1",
      [journal.key],
    );
    const id = existing.rows[0]?.id;
    if (id === undefined) throw new Error(`journal ${journal.key} neither inserted nor found`);
    return { journalId: BigInt(id), created: false };
  }
  if (row.n !== String(journal.entries.length)) {
    throw new Error(`journal ${journal.key}: unknown ledger account among ${codes.join(", ")}`);
  }
  return { journalId: BigInt(row.id), created: true };
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
