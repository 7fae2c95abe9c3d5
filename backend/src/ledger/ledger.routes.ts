import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, operations, success } from "../http/operations.ts";
import { cursorPage, pageOf } from "../http/pages.ts";
import { cursorSchema, queryInt } from "../http/schemas.ts";
import { userAccount } from "./accounts.ts";
import { BOON_DECIMALS } from "./amounts.ts";
import { type LedgerEntryRow, listEntries } from "./ledger.repository.ts";

const balanceSchema = z.object({
  asset: z.literal("BOON"),
  decimals: z.number().int(),
  balance: z.string().describe("Spendable credits in base units (integer string)"),
  withdrawable: z
    .string()
    .describe("Credits that may leave to a wallet now (past the hold period)"),
});
const ledgerQuery = z.object({
  limit: queryInt({ min: 1, max: 100, default: 50 }),
  cursor: cursorSchema,
});
const entrySchema = z.object({
  id: z.string(),
  journalId: z.string(),
  kind: z.string(),
  memo: z.string(),
  asset: z.literal("BOON"),
  amount: z.string().describe("Signed change in base units"),
  createdAt: z.string(),
});

const op = operations({ tags: ["ledger"], auth: "user" });

const balance = op.get("/v1/me/balance", {
  summary: "The signed-in user's BOON credit balance and withdrawable amount",
  responses: { 200: success("Balance", balanceSchema) },
});

const ledger = op.get("/v1/me/ledger", {
  summary: "The signed-in user's ledger entries, newest first (cursor-paginated)",
  request: { query: ledgerQuery },
  responses: { 200: success("Entries", pageOf(entrySchema)) },
});

function entryView(row: LedgerEntryRow) {
  return {
    id: row.id.toString(),
    journalId: row.journalId.toString(),
    kind: row.kind,
    memo: row.memo,
    asset: row.asset,
    amount: row.amount.toString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export function ledgerRoutes(api: Api, deps: AppDeps): void {
  api.serveUser(balance, async (userId) => {
    const { balance, withdrawable } = await deps.ledger.balances(deps.pool, userId);
    return {
      asset: "BOON",
      decimals: BOON_DECIMALS,
      balance: balance.toString(),
      withdrawable: withdrawable.toString(),
    };
  });
  api.serveUser(ledger, (userId, { query }) =>
    cursorPage(
      query,
      (window) => listEntries(deps.pool, userAccount(userId), window),
      entryView,
      (row) => row.id.toString(),
    ),
  );
}
