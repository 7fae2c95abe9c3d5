import { z } from "zod";
import { authOf } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { invalid } from "../errors.ts";
import type { Api, Operation } from "../http/operations.ts";
import { cursorSchema, queryInt } from "../http/schemas.ts";
import { userAccount } from "./accounts.ts";
import { BOON_DECIMALS } from "./amounts.ts";
import { listEntries } from "./ledger.repository.ts";

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
const ledgerPageSchema = z.object({
  items: z.array(entrySchema),
  nextCursor: z.string().nullable(),
});

const tags = ["ledger"];

const balance = {
  method: "get",
  path: "/v1/me/balance",
  tags,
  summary: "The signed-in user's BOON credit balance and withdrawable amount",
  auth: "user",
  responses: { 200: { description: "Balance", schema: balanceSchema } },
} satisfies Operation;

const ledger = {
  method: "get",
  path: "/v1/me/ledger",
  tags,
  summary: "The signed-in user's ledger entries, newest first (cursor-paginated)",
  auth: "user",
  request: { query: ledgerQuery },
  responses: { 200: { description: "Entries", schema: ledgerPageSchema } },
} satisfies Operation;

export function ledgerRoutes(api: Api, deps: AppDeps): void {
  api.route(balance, async (_input, req, res) => {
    const { userId } = authOf(req);
    const { balance, withdrawable } = await deps.ledger.balances(deps.pool, userId);
    res.json({
      asset: "BOON",
      decimals: BOON_DECIMALS,
      balance: balance.toString(),
      withdrawable: withdrawable.toString(),
    });
  });
  api.route(ledger, async ({ query }, req, res) => {
    const before = query.cursor === undefined ? undefined : BigInt(query.cursor);
    if (before !== undefined && before > 9_223_372_036_854_775_807n)
      throw invalid("invalid_cursor", "cursor is out of range");
    const rows = await listEntries(deps.pool, userAccount(authOf(req).userId), {
      limit: query.limit + 1,
      ...(before === undefined ? {} : { before }),
    });
    const page = rows.slice(0, query.limit);
    res.json({
      items: page.map((row) => ({
        id: row.id.toString(),
        journalId: row.journalId.toString(),
        kind: row.kind,
        memo: row.memo,
        asset: row.asset,
        amount: row.amount.toString(),
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null,
    });
  });
}
