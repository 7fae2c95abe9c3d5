import { Router } from "express";
import { z } from "zod";
import { authOf, requireAuth } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { invalid } from "../errors.ts";
import { errorResponses, jsonResponse, openApiRegistry, sessionSecurity } from "../http/openapi.ts";
import { noQuery, parseQuery } from "../http/validate.ts";
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
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "cursor must be the nextCursor of a previous page")
    .optional(),
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

openApiRegistry.registerPath({
  method: "get",
  path: "/v1/me/balance",
  summary: "The signed-in user's BOON credit balance and withdrawable amount",
  security: sessionSecurity,
  responses: { 200: jsonResponse("Balance", balanceSchema), ...errorResponses(400, 401) },
});
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/me/ledger",
  summary: "The signed-in user's ledger entries, newest first (cursor-paginated)",
  security: sessionSecurity,
  request: { query: ledgerQuery },
  responses: { 200: jsonResponse("Entries", ledgerPageSchema), ...errorResponses(400, 401) },
});

export function ledgerRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get("/me/balance", requireAuth, async (req, res) => {
    parseQuery(noQuery, req);
    const { userId } = authOf(req);
    const { balance, withdrawable } = await deps.ledger.balances(deps.pool, userId);
    res.json({
      asset: "BOON",
      decimals: BOON_DECIMALS,
      balance: balance.toString(),
      withdrawable: withdrawable.toString(),
    });
  });
  router.get("/me/ledger", requireAuth, async (req, res) => {
    const query = parseQuery(ledgerQuery, req);
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
  return router;
}
