// What bench:backend and ledger-profile.ts both measure against: a baseline table for plain INSERT
// transactions, the real ledger service, and 64 users with open credit accounts.
import { appendEvent, createLedgerService, type Pool, SYSTEM, userAccount } from "@boon/backend";

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

/**
 * Journals granting 0.001 BOON to the users in turn (spread by client), each with a new
 * idempotency key under `prefix`.
 */
export function grants(users: string[], prefix: string) {
  const run = Date.now();
  const amount = 1_000_000_000_000_000n;
  let n = 0;
  return (client: number) => {
    const i = n++;
    const user = users[(client * 7 + i) % users.length] as string;
    return {
      key: `${prefix}:${run}:${i}`,
      kind: "bench.grant",
      userId: user,
      entries: [
        { account: SYSTEM.creditsIssued, amount: -amount },
        { account: userAccount(user), amount },
      ],
    };
  };
}

/** The domain event a money change writes beside its journal (what the real services add). */
export function appendSettled(
  db: Parameters<typeof appendEvent>[0],
  journal: { key: string; userId: string },
) {
  return appendEvent(db, {
    type: "purchase.settled",
    subject: { type: "purchase", id: journal.key },
    userId: journal.userId,
    payload: { amountCents: 10, credits: "1000000000000000" },
  });
}
