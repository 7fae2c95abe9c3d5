import type { Queryable } from "../db/pool.ts";
import type { Tier } from "../kyc/tiers.ts";
import { type Asset, SYSTEM, userAccount } from "./accounts.ts";
import { maxBig } from "./amounts.ts";
import {
  balanceSummary,
  type EntryInput,
  insertJournal,
  type JournalInput,
  openUserAccount,
  readBalance,
} from "./ledger.repository.ts";

export type { EntryInput, JournalInput } from "./ledger.repository.ts";

const SYSTEM_ASSETS: Record<string, Asset> = {
  [SYSTEM.creditsIssued]: "BOON",
  [SYSTEM.disputeRecovery]: "BOON",
  [SYSTEM.transfers]: "BOON",
  [SYSTEM.stripeClearing]: "USD",
  [SYSTEM.cardSales]: "USD",
  [SYSTEM.disputeLosses]: "USD",
  [SYSTEM.refundsPayable]: "USD",
  [SYSTEM.inDelivery]: "BOON",
};

export class LedgerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "LedgerError";
    this.code = code;
  }
}

export function assetOf(account: string): Asset {
  if (account.startsWith("user:")) return "BOON";
  const asset = SYSTEM_ASSETS[account];
  if (asset === undefined)
    throw new LedgerError("unknown_account", `unknown ledger account ${account}`);
  return asset;
}

/**
 * The same rules the database enforces, checked before a round trip so callers get a clear error:
 * at least two entries, none zero, and per asset they sum to zero.
 */
export function assertBalanced(entries: readonly EntryInput[]): void {
  if (entries.length < 2)
    throw new LedgerError("unbalanced_journal", "a journal needs at least two entries");
  const sums = new Map<Asset, bigint>();
  for (const entry of entries) {
    if (entry.amount === 0n) throw new LedgerError("zero_entry", `zero amount on ${entry.account}`);
    const asset = assetOf(entry.account);
    sums.set(asset, (sums.get(asset) ?? 0n) + entry.amount);
  }
  for (const [asset, sum] of sums) {
    if (sum !== 0n)
      throw new LedgerError("unbalanced_journal", `${asset} entries sum to ${sum}, not 0`);
  }
}

export type LedgerService = {
  /** Posts a journal idempotently by its key; run it inside the caller's transaction. */
  postJournal(
    db: Queryable,
    journal: JournalInput,
  ): Promise<{ journalId: bigint; created: boolean }>;
  openUserAccount(db: Queryable, userId: string): Promise<void>;
  /** Spendable BOON credits (base units), read from the balance row: O(1). */
  balance(db: Queryable, userId: string): Promise<bigint>;
  /**
   * Credits that may leave to an external wallet now: the balance minus card credits still inside
   * the tier's hold period; zero for a restricted account.
   */
  withdrawableBalance(db: Queryable, userId: string): Promise<bigint>;
  /** Balance and withdrawable amount in one round trip (the hot GET /v1/me/balance path). */
  balances(db: Queryable, userId: string): Promise<{ balance: bigint; withdrawable: bigint }>;
};

export type LedgerOptions = {
  holdHours: Record<Tier, number>;
  /** Called once per journal actually written (not for idempotent repeats). */
  onJournal?: (kind: string) => void;
};

export function createLedgerService(options: LedgerOptions): LedgerService {
  async function balances(db: Queryable, userId: string) {
    const s = await balanceSummary(db, userAccount(userId), userId, options.holdHours);
    return { balance: s.balance, withdrawable: s.restricted ? 0n : maxBig(0n, s.balance - s.held) };
  }
  return {
    async postJournal(db, journal) {
      assertBalanced(journal.entries);
      // The database locks balance rows in account-code order (deadlock-free across journals);
      // entries sent in that order spare it a sort.
      const entries = [...journal.entries].sort((a, b) =>
        a.account < b.account ? -1 : a.account > b.account ? 1 : 0,
      );
      const result = await insertJournal(db, { ...journal, entries });
      if (result.created) options.onJournal?.(journal.kind);
      return result;
    },
    openUserAccount: (db, userId) => openUserAccount(db, userId, userAccount(userId)),
    balance: (db, userId) => readBalance(db, userAccount(userId)),
    async withdrawableBalance(db, userId) {
      return (await balances(db, userId)).withdrawable;
    },
    balances: (db, userId) => balances(db, userId),
  };
}
