// What bench:backend and ledger-profile.ts both measure against: a baseline table for plain INSERT
// transactions, the real ledger service, and 64 users with open credit accounts.
import { createLedgerService, type Pool } from "@boon/backend";

/** Creates `bench_baseline` and 64 users with ledger accounts in a migrated database. */
export async function ledgerBenchSetup(pool: Pool) {
  await pool.query(
    "CREATE TABLE bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v bigint NOT NULL)",
  );
  const ledger = createLedgerService({ holdHours: { BASIC: 72, STANDARD: 24, PREMIUM: 0 } });
  const users: string[] = [];
  for (let i = 0; i < 64; i++) {
    const { rows } = await pool.query<{ id: string }>(
      "INSERT INTO users DEFAULT VALUES RETURNING id",
    );
    const id = (rows[0] as { id: string }).id;
    await ledger.openUserAccount(pool, id);
    users.push(id);
  }
  return { ledger, users };
}
