import { useTestDatabase } from "@boon/backend/test-support";
import fc from "fast-check";
import { expect, it } from "vitest";
import { withTransaction } from "../db/transaction.ts";
import { setTier } from "../kyc/kyc.repository.ts";
import { insertPurchase, setCheckoutSession } from "../purchases/purchases.repository.ts";
import {
  applyChargeRefunded,
  applyCheckoutSession,
  applyDispute,
} from "../purchases/settlement.service.ts";
import { SYSTEM, userAccount } from "./accounts.ts";
import { creditsForCents } from "./amounts.ts";
import { createLedgerService } from "./ledger.service.ts";

const NOW = () => Math.floor(Date.now() / 1000);

/** Stripe's balance transactions per dispute status: inquiries move no money (signs per cent). */
const FUNDS = {
  warning_needs_response: [],
  warning_closed: [],
  needs_response: [-1],
  lost: [-1],
  won: [-1, 1],
} as const;
type DisputeStatus = keyof typeof FUNDS;

// Random sequences of purchases, payments (replayed at random), refunds, disputes, transfers and
// spends against the real database; every invariant is checked after every step.

const db = useTestDatabase();
const ledger = createLedgerService({ holdHours: { BASIC: 72, STANDARD: 24, PREMIUM: 0 } });

type Command =
  | { kind: "purchase"; user: number; cents: number }
  | { kind: "pay"; purchase: number }
  | { kind: "refund"; purchase: number; cents: number }
  | { kind: "dispute"; purchase: number; status: DisputeStatus }
  | { kind: "transfer"; from: number; to: number; boon: number }
  | { kind: "spend"; user: number; boon: number };

const USERS = 3;
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant("purchase" as const),
    user: fc.nat(USERS - 1),
    cents: fc.integer({ min: 1, max: 50_000 }),
  }),
  fc.record({ kind: fc.constant("pay" as const), purchase: fc.nat(20) }),
  fc.record({
    kind: fc.constant("refund" as const),
    purchase: fc.nat(20),
    cents: fc.integer({ min: 1, max: 50_000 }),
  }),
  fc.record({
    kind: fc.constant("dispute" as const),
    purchase: fc.nat(20),
    status: fc.constantFrom(...(Object.keys(FUNDS) as DisputeStatus[])),
  }),
  fc.record({
    kind: fc.constant("transfer" as const),
    from: fc.nat(USERS - 1),
    to: fc.nat(USERS - 1),
    boon: fc.integer({ min: 1, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant("spend" as const),
    user: fc.nat(USERS - 1),
    boon: fc.integer({ min: 1, max: 5_000 }),
  }),
);

type Paid = { id: string; sessionId: string; pi: string; amount: number };

async function checkInvariants(): Promise<void> {
  const q = async <T>(sql: string) => (await db.pool.query(sql)).rows as T[];
  const sums = await q<{ asset: string; total: string }>(
    "SELECT asset, sum(amount)::text AS total FROM ledger_entries GROUP BY asset",
  );
  for (const s of sums) expect(s.total, `sum of ${s.asset} entries`).toBe("0");
  const drift = await q(
    `SELECT a.code FROM ledger_accounts a
       LEFT JOIN (SELECT account_id, sum(amount) AS s FROM ledger_entries GROUP BY account_id) e ON e.account_id = a.id
       LEFT JOIN (SELECT account_id, sum(balance) AS s FROM ledger_balances GROUP BY account_id) b ON b.account_id = a.id
      WHERE coalesce(e.s, 0) <> coalesce(b.s, 0)`,
  );
  expect(drift, "balance rows equal the sum of entries").toEqual([]);
  const negative = await q(
    "SELECT a.code FROM ledger_accounts a JOIN ledger_balances b ON b.account_id = a.id WHERE a.kind = 'user' AND b.balance < 0",
  );
  expect(negative, "no user balance below zero").toEqual([]);
  const credits = await q<{ id: string; status: string; n: number }>(
    `SELECT p.id, p.status, (SELECT count(*)::int FROM ledger_journals j WHERE j.key = 'purchase:' || p.id || ':credit') AS n
       FROM purchases p`,
  );
  for (const c of credits) {
    expect(c.n, `purchase ${c.id} credited at most once`).toBeLessThanOrEqual(1);
    expect(c.n === 1, `credited iff paid (${c.status})`).toBe(c.status === "paid");
  }
  const reversed = await q(
    "SELECT id FROM purchases WHERE credits_reversed > credits OR credits_reversed < 0",
  );
  expect(reversed).toEqual([]);
}

it("keeps every ledger invariant through random money flows", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
      run++;
      const users: string[] = [];
      for (let i = 0; i < USERS; i++) {
        const { rows } = await db.pool.query<{ id: string }>(
          "INSERT INTO users DEFAULT VALUES RETURNING id",
        );
        const id = (rows[0] as { id: string }).id;
        await ledger.openUserAccount(db.pool, id);
        await setTier(db.pool, id, i === 0 ? "BASIC" : "PREMIUM");
        users.push(id);
      }
      const purchases: Paid[] = [];
      let step = 0;
      for (const cmd of commands) {
        step++;
        const eventId = `evt_prop_${run}_${step}`;
        const target =
          "purchase" in cmd ? purchases[cmd.purchase % Math.max(1, purchases.length)] : undefined;
        await withTransaction(db.pool, async (c) => {
          const ctx = { db: c, ledger, eventId };
          switch (cmd.kind) {
            case "purchase": {
              const userId = users[cmd.user] as string;
              const p = await insertPurchase(c, {
                userId,
                amountCents: cmd.cents,
                priceCentsPerBoon: 7,
                credits: creditsForCents(BigInt(cmd.cents), 7n),
              });
              const sessionId = `cs_prop_${p.id}`;
              await setCheckoutSession(c, p.id, { id: sessionId, url: null, expiresAt: null });
              purchases.push({ id: p.id, sessionId, pi: `pi_prop_${p.id}`, amount: cmd.cents });
              return;
            }
            case "pay":
              if (!target) return;
              await applyCheckoutSession(ctx, "checkout.session.completed", {
                id: target.sessionId,
                payment_status: "paid",
                payment_intent: target.pi,
                metadata: { purchase_id: target.id },
                created: NOW(),
              });
              return;
            case "refund": {
              if (!target) return;
              const { rows } = await c.query<{ r: number }>(
                "SELECT refunded_cents::int4 AS r FROM purchases WHERE id = $1",
                [target.id],
              );
              const refunded = Math.min(target.amount, (rows[0] as { r: number }).r + cmd.cents);
              await applyChargeRefunded(ctx, {
                id: `ch_prop_${target.id}`,
                created: NOW(),
                amount: target.amount,
                amount_refunded: refunded,
                payment_intent: target.pi,
                metadata: { purchase_id: target.id },
              });
              return;
            }
            case "dispute": {
              if (!target) return;
              const { rows } = await c.query(
                "SELECT 1 FROM purchases WHERE id = $1 AND stripe_payment_intent_id IS NOT NULL",
                [target.id],
              );
              if (rows.length === 0) return;
              await applyDispute(ctx, {
                id: `du_prop_${target.id}`,
                created: NOW(),
                amount: target.amount,
                charge: `ch_prop_${target.id}`,
                payment_intent: target.pi,
                status: cmd.status,
                balance_transactions: FUNDS[cmd.status].map((sign) => ({
                  amount: sign * target.amount,
                })),
              });
              return;
            }
            case "transfer":
            case "spend": {
              const from = users[cmd.kind === "transfer" ? cmd.from : cmd.user] as string;
              const to =
                cmd.kind === "transfer" ? userAccount(users[cmd.to] as string) : SYSTEM.transfers;
              if (to === userAccount(from)) return;
              const amount = BigInt(cmd.boon) * 10n ** 16n;
              const spendable = await ledger.balance(c, from);
              const attempt = ledger.postJournal(c, {
                key: `prop-${run}-${step}`,
                kind: `test.${cmd.kind}`,
                userId: from,
                entries: [
                  { account: userAccount(from), amount: -amount },
                  { account: to, amount },
                ],
              });
              if (amount > spendable)
                await expect(attempt).rejects.toThrow(/ledger_balance_not_negative/);
              else await attempt;
              if (amount > spendable) throw new Rollback();
              return;
            }
          }
        }).catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
        await checkInvariants();
      }
    }),
    { numRuns: 12 },
  );
}, 120_000);

class Rollback extends Error {}
