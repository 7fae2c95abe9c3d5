import { z } from "zod";
import { authOf } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, type Operation } from "../http/operations.ts";
import { uuidSchema } from "../http/schemas.ts";
import { pricing } from "./pricing.ts";
import { listPurchases, PURCHASE_STATUSES, purchaseReceipt } from "./receipts.service.ts";

const units = (what: string) => z.string().describe(`${what} (integer string, 18 decimals)`);

const pricingSchema = z.object({
  currency: z.literal("usd"),
  boonPerUsd: units("BOON base units one US dollar (100 cents) buys"),
  decimals: z.literal(18),
  feeCents: z
    .object({ fixed: z.number().int(), bps: z.number().int() })
    .describe("The fee on a purchase: fixed cents plus basis points of the amount"),
  minCents: z.number().int(),
  maxCents: z.number().int(),
});

const purchaseSchema = z.object({
  id: z.uuid(),
  createdAt: z.string().meta({ format: "date-time" }),
  paidAt: z.string().nullable().meta({ format: "date-time" }),
  status: z.enum(PURCHASE_STATUSES),
  amountCents: z.number().int(),
  boon: units("BOON credited"),
  feeCents: z.number().int(),
});
const receiptSchema = purchaseSchema.extend({
  rate: units("BOON base units per US dollar at this purchase's price"),
  refunds: z.array(
    z.object({
      amountCents: z.number().int(),
      boon: units("BOON taken back"),
      at: z.string().meta({ format: "date-time" }),
      reason: z.enum(["refund", "dispute"]),
    }),
  ),
});

const tags = ["purchases"];

const pricingOp = {
  method: "get",
  path: "/v1/pricing",
  tags,
  summary: "The price of BOON credits by card: BOON per dollar, fees, smallest and largest amount",
  auth: "public",
  responses: { 200: { description: "Pricing", schema: pricingSchema } },
} satisfies Operation;

const listOp = {
  method: "get",
  path: "/v1/me/purchases",
  tags,
  summary: "The signed-in user's card purchases, newest first (the latest 200)",
  auth: "user",
  responses: {
    200: { description: "Purchases", schema: z.object({ items: z.array(purchaseSchema) }) },
  },
} satisfies Operation;

const receiptOp = {
  method: "get",
  path: "/v1/me/purchases/{id}",
  tags,
  summary: "A purchase's receipt: amount, BOON credited, rate, fees, status and refunds",
  auth: "user",
  request: { params: z.object({ id: uuidSchema }) },
  responses: {
    200: { description: "Receipt", schema: receiptSchema },
    404: failure("No such purchase of yours (`purchase_not_found`)"),
  },
} satisfies Operation;

export function receiptRoutes(api: Api, deps: AppDeps): void {
  const prices = pricing(deps.config.money);
  api.route(pricingOp, (_input, _req, res) => {
    res.json(prices);
  });
  api.route(listOp, async (_input, req, res) => {
    res.json(await listPurchases(deps.pool, authOf(req).userId));
  });
  api.route(receiptOp, async ({ params: { id } }, req, res) => {
    res.json(await purchaseReceipt(deps.pool, authOf(req).userId, id));
  });
}
