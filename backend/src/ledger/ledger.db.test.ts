import { useTestDatabase } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";
import { withTransaction } from "../db/transaction.ts";
import { SYSTEM, userAccount } from "./accounts.ts";
import { createLedgerService, LedgerError } from "./ledger.service.ts";

const db = useTestDatabase();
const ledger = createLedgerService({ holdHours: { BASIC: 72, STANDARD: 24, PREMIUM: 0 } });

async function newUser(): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO users DEFAULT VALUES RETURNING id",
  );
  const id = (rows[0] as { id: string }).id;
  await ledger.openUserAccount(db.pool, id);
  return id;
}

async function accountId(code: string): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    "SELECT id::text FROM ledger_accounts WHERE code = $1",
    [code],
  );
  return (rows[0] as { id: string }).id;
}

/**
 * A journal and its entries written by raw SQL in one transaction, past the ledger service, so
 * only the database's own checks stand in the way.
 */
function rawJournal(key: string, entries: [account: string, asset: string, amount: number][]) {
  return withTransaction(db.pool, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      "INSERT INTO ledger_journals (key, kind) VALUES ($1, 'test') RETURNING id::text",
      [key],
    );
    const values = entries.map((_, i) => `($1, $${3 * i + 2}, $${3 * i + 3}, $${3 * i + 4})`);
    const params = await Promise.all(
      entries.map(async ([account, asset, amount]) => [await accountId(account), asset, amount]),
    );
    await c.query(
      `INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ${values.join(", ")}`,
      [(rows[0] as { id: string }).id, ...params.flat()],
    );
  });
}

async function grant(userId: string, amount: bigint, key: string) {
  return withTransaction(db.pool, (c) =>
    ledger.postJournal(c, {
      key,
      kind: "test.grant",
      userId,
      entries: [
        { account: SYSTEM.creditsIssued, amount: -amount },
        { account: userAccount(userId), amount },
      ],
    }),
  );
}

describe("ledger constraints enforced by the database (raw SQL)", () => {
  it("rejects a journal whose entries do not sum to zero", async () => {
    const user = await newUser();
    await expect(
      rawJournal("raw-unbalanced", [
        [userAccount(user), "BOON", 5],
        [SYSTEM.creditsIssued, "BOON", -4],
      ]),
    ).rejects.toThrow(/does not balance/);
    const { rows } = await db.pool.query(
      "SELECT 1 FROM ledger_journals WHERE key = 'raw-unbalanced'",
    );
    expect(rows).toHaveLength(0);
  });

  it("checks balance at commit, so a journal may be written entry by entry", async () => {
    const user = await newUser();
    await withTransaction(db.pool, async (c) => {
      const { rows } = await c.query<{ id: string }>(
        "INSERT INTO ledger_journals (key, kind) VALUES ('raw-one-by-one', 'test') RETURNING id::text",
      );
      const journal = (rows[0] as { id: string }).id;
      const insert =
        "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', $3)";
      await c.query(insert, [journal, await accountId(userAccount(user)), 9]);
      await c.query(insert, [journal, await accountId(SYSTEM.creditsIssued), -9]);
    });
    expect(await ledger.balance(db.pool, user)).toBe(9n);
  });

  it("rejects a later entry that unbalances an already balanced journal", async () => {
    const user = await newUser();
    const { journalId } = await grant(user, 10n, "raw-append-later");
    await expect(
      db.pool.query(
        "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', 3)",
        [journalId.toString(), await accountId(userAccount(user))],
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await ledger.balance(db.pool, user)).toBe(10n);
  });

  it("rejects entries that balance in total but not per asset", async () => {
    const user = await newUser();
    await expect(
      rawJournal("raw-mixed", [
        [userAccount(user), "BOON", 7],
        [SYSTEM.cardSales, "USD", -7],
      ]),
    ).rejects.toThrow(/does not balance/);
  });

  it("rejects an entry on a missing account or with the wrong asset", async () => {
    const user = await newUser();
    await expect(
      rawJournal("raw-bad-account", [
        [userAccount(user), "USD", 5],
        [SYSTEM.cardSales, "USD", -5],
      ]),
    ).rejects.toThrow(/does not exist/);
    await expect(
      db.pool.query("DELETE FROM ledger_accounts WHERE code = $1", [SYSTEM.cardSales]),
    ).rejects.toThrow(/never deleted/);
  });

  it("rejects a user balance below zero", async () => {
    const user = await newUser();
    await expect(
      rawJournal("raw-negative", [
        [userAccount(user), "BOON", -1],
        [SYSTEM.creditsIssued, "BOON", 1],
      ]),
    ).rejects.toThrow(/ledger_balance_not_negative/);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of entries and journals", async () => {
    const user = await newUser();
    await grant(user, 10n, "raw-immutable");
    await expect(db.pool.query("UPDATE ledger_entries SET amount = amount * 2")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query("DELETE FROM ledger_entries")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("TRUNCATE ledger_entries CASCADE")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("UPDATE ledger_journals SET memo = 'x'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query("DELETE FROM ledger_journals")).rejects.toThrow(/append-only/);
    expect(await ledger.balance(db.pool, user)).toBe(10n);
  });

  it("refuses direct changes to balance rows", async () => {
    const user = await newUser();
    await grant(user, 10n, "raw-balance-guard");
    await expect(
      db.pool.query("UPDATE ledger_balances SET balance = 1000 WHERE account_id = $1", [
        await accountId(userAccount(user)),
      ]),
    ).rejects.toThrow(/only through ledger entries/);
    expect(await ledger.balance(db.pool, user)).toBe(10n);
  });
});

describe("ledger_postings: a journal in one statement (raw SQL)", () => {
  const post = (key: string, accounts: string[], amounts: (bigint | number)[], userId?: string) =>
    db.pool.query<{ journal_id: bigint; created: boolean }>(
      `INSERT INTO ledger_postings (key, kind, user_id, accounts, amounts)
       VALUES ($1, 'test.post', $2, $3, $4) RETURNING journal_id, created`,
      [key, userId ?? null, accounts, amounts.map(String)],
    );
  const journalRows = async (key: string) =>
    (
      await db.pool.query<{ n: bigint }>(
        "SELECT count(*)::int8 AS n FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id WHERE j.key = $1",
        [key],
      )
    ).rows[0]?.n;

  it("writes the journal, its entries and the balances, idempotently by key", async () => {
    const user = await newUser();
    const first = await post(
      "post-ok",
      [userAccount(user), SYSTEM.creditsIssued],
      [12n, -12n],
      user,
    );
    expect(first.rows[0]?.created).toBe(true);
    const again = await post("post-ok", [userAccount(user), SYSTEM.creditsIssued], [12n, -12n]);
    expect(again.rows[0]).toEqual({ journal_id: first.rows[0]?.journal_id, created: false });
    expect(await journalRows("post-ok")).toBe(2n);
    expect(await ledger.balance(db.pool, user)).toBe(12n);
  });

  it("refuses a journal that does not sum to zero per asset, writing nothing", async () => {
    const user = await newUser();
    await expect(
      post("post-unbalanced", [userAccount(user), SYSTEM.creditsIssued], [5n, -4n]),
    ).rejects.toThrow(/does not balance/);
    await expect(
      post("post-mixed", [userAccount(user), SYSTEM.cardSales], [7n, -7n]),
    ).rejects.toThrow(/does not balance/);
    expect(await journalRows("post-unbalanced")).toBe(0n);
    expect(await ledger.balance(db.pool, user)).toBe(0n);
  });

  it("refuses fewer than two entries, mismatched arrays and unknown accounts", async () => {
    const user = await newUser();
    await expect(post("post-one", [userAccount(user)], [0n])).rejects.toThrow(/at least two/);
    await expect(
      post("post-lengths", [userAccount(user), SYSTEM.creditsIssued], [1n, -1n, 0n]),
    ).rejects.toThrow(/at least two/);
    await expect(
      post("post-unknown", ["user:nobody:boon", SYSTEM.creditsIssued], [1n, -1n]),
    ).rejects.toThrow(/does not exist/);
    await expect(
      post("post-zero", [userAccount(user), SYSTEM.creditsIssued], [0n, 0n]),
    ).rejects.toThrow(/ledger_entries_amount_check/);
  });

  it("refuses a journal that would take a user balance below zero", async () => {
    const user = await newUser();
    await post("post-seed", [userAccount(user), SYSTEM.creditsIssued], [3n, -3n]);
    await expect(
      post("post-overdraw", [userAccount(user), SYSTEM.transfers], [-4n, 4n]),
    ).rejects.toThrow(/ledger_balance_not_negative/);
    expect(await journalRows("post-overdraw")).toBe(0n);
    expect(await ledger.balance(db.pool, user)).toBe(3n);
  });

  it("takes balance locks in account order whatever order the entries come in (no deadlock)", async () => {
    const a = await newUser();
    const b = await newUser();
    await post("post-seed-a", [userAccount(a), SYSTEM.creditsIssued], [500n, -500n]);
    await post("post-seed-b", [userAccount(b), SYSTEM.creditsIssued], [500n, -500n]);
    await Promise.all(
      Array.from({ length: 32 }, (_, i) => {
        const [from, to] = i % 2 ? [a, b] : [b, a];
        return withTransaction(db.pool, (c) =>
          c.query(
            `INSERT INTO ledger_postings (key, kind, accounts, amounts)
             VALUES ($1, 'test.transfer', $2, $3)`,
            [`post-xfer-${i}`, [userAccount(from), userAccount(to)], ["-10", "10"]],
          ),
        );
      }),
    );
    expect(await ledger.balance(db.pool, a)).toBe(500n);
    expect(await ledger.balance(db.pool, b)).toBe(500n);
  });

  it("still checks entries added later by a plain INSERT to a posted journal", async () => {
    const user = await newUser();
    const { rows } = await post(
      "post-then-raw",
      [userAccount(user), SYSTEM.creditsIssued],
      [8n, -8n],
    );
    await expect(
      db.pool.query(
        "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', -8)",
        [rows[0]?.journal_id, await accountId(userAccount(user))],
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await ledger.balance(db.pool, user)).toBe(8n);
  });
});

describe("ledger service", () => {
  it("posts idempotently by journal key", async () => {
    const user = await newUser();
    const first = await grant(user, 25n, "grant-once");
    const second = await grant(user, 25n, "grant-once");
    expect(second).toEqual({ journalId: first.journalId, created: false });
    expect(await ledger.balance(db.pool, user)).toBe(25n);
  });

  it("rejects unbalanced journals before touching the database", async () => {
    const user = await newUser();
    await expect(
      ledger.postJournal(db.pool, {
        key: "bad",
        kind: "test",
        entries: [
          { account: SYSTEM.creditsIssued, amount: -2n },
          { account: userAccount(user), amount: 1n },
        ],
      }),
    ).rejects.toBeInstanceOf(LedgerError);
  });

  it("keeps balances right under 32 parallel transfers in both directions without deadlock", async () => {
    const a = await newUser();
    const b = await newUser();
    await grant(a, 1000n, "seed-a");
    await grant(b, 1000n, "seed-b");
    await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        withTransaction(db.pool, (c) =>
          ledger.postJournal(c, {
            key: `xfer-${i}`,
            kind: "test.transfer",
            entries: [
              { account: userAccount(i % 2 ? a : b), amount: -10n },
              { account: userAccount(i % 2 ? b : a), amount: 10n },
            ],
          }),
        ),
      ),
    );
    expect(await ledger.balance(db.pool, a)).toBe(1000n);
    expect(await ledger.balance(db.pool, b)).toBe(1000n);
  });

  it("never lets parallel spends take a balance below zero", async () => {
    const user = await newUser();
    await grant(user, 100n, "seed-spend");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        withTransaction(db.pool, (c) =>
          ledger.postJournal(c, {
            key: `spend-${i}`,
            kind: "test.spend",
            userId: user,
            entries: [
              { account: userAccount(user), amount: -30n },
              { account: SYSTEM.transfers, amount: 30n },
            ],
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await ledger.balance(db.pool, user)).toBe(10n);
  });
});
