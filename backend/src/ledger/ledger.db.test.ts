import { createTestDatabase, type TestDatabase } from "@boon/backend/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransaction } from "../db/transaction.ts";
import { SYSTEM, userAccount } from "./accounts.ts";
import { createLedgerService, LedgerError } from "./ledger.service.ts";

let db: TestDatabase;
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

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("ledger constraints enforced by the database (raw SQL)", () => {
  it("rejects a journal whose entries do not sum to zero", async () => {
    const user = await newUser();
    await expect(
      withTransaction(db.pool, async (c) => {
        const { rows } = await c.query<{ id: string }>(
          "INSERT INTO ledger_journals (key, kind) VALUES ('raw-unbalanced', 'test') RETURNING id::text",
        );
        await c.query(
          "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', 5), ($1, $3, 'BOON', -4)",
          [
            (rows[0] as { id: string }).id,
            await accountId(userAccount(user)),
            await accountId(SYSTEM.creditsIssued),
          ],
        );
      }),
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
      withTransaction(db.pool, async (c) => {
        const { rows } = await c.query<{ id: string }>(
          "INSERT INTO ledger_journals (key, kind) VALUES ('raw-mixed', 'test') RETURNING id::text",
        );
        await c.query(
          "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', 7), ($1, $3, 'USD', -7)",
          [
            (rows[0] as { id: string }).id,
            await accountId(userAccount(user)),
            await accountId(SYSTEM.cardSales),
          ],
        );
      }),
    ).rejects.toThrow(/does not balance/);
  });

  it("rejects an entry on a missing account or with the wrong asset", async () => {
    const user = await newUser();
    await expect(
      withTransaction(db.pool, async (c) => {
        const { rows } = await c.query<{ id: string }>(
          "INSERT INTO ledger_journals (key, kind) VALUES ('raw-bad-account', 'test') RETURNING id::text",
        );
        await c.query(
          "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'USD', 5), ($1, $3, 'USD', -5)",
          [
            (rows[0] as { id: string }).id,
            await accountId(userAccount(user)),
            await accountId(SYSTEM.cardSales),
          ],
        );
      }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      db.pool.query("DELETE FROM ledger_accounts WHERE code = $1", [SYSTEM.cardSales]),
    ).rejects.toThrow(/never deleted/);
  });

  it("rejects a user balance below zero", async () => {
    const user = await newUser();
    await expect(
      withTransaction(db.pool, async (c) => {
        const { rows } = await c.query<{ id: string }>(
          "INSERT INTO ledger_journals (key, kind) VALUES ('raw-negative', 'test') RETURNING id::text",
        );
        await c.query(
          "INSERT INTO ledger_entries (journal_id, account_id, asset, amount) VALUES ($1, $2, 'BOON', -1), ($1, $3, 'BOON', 1)",
          [
            (rows[0] as { id: string }).id,
            await accountId(userAccount(user)),
            await accountId(SYSTEM.creditsIssued),
          ],
        );
      }),
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
