import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { listOf } from "../http/pages.ts";
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

const op = operations({ tags: ["purchases"], auth: "user" });

const pricingOp = op.get("/v1/pricing", {
  summary: "The price of BOON credits by card: BOON per dollar, fees, smallest and largest amount",
  auth: "public",
  responses: { 200: success("Pricing", pricingSchema) },
});

const listOp = op.get("/v1/me/purchases", {
  summary: "The signed-in user's card purchases, newest first (the latest 200)",
  responses: { 200: success("Purchases", listOf(purchaseSchema)) },
});

const receiptOp = op.get("/v1/me/purchases/{id}", {
  summary: "A purchase's receipt: amount, BOON credited, rate, fees, status and refunds",
  request: { params: z.object({ id: uuidSchema }) },
  responses: {
    200: success("Receipt", receiptSchema),
    404: failure("No such purchase of yours (`purchase_not_found`)"),
  },
});

export function receiptRoutes(api: Api, deps: AppDeps): void {
  const prices = pricing(deps.config.money);
  api.route(pricingOp, (_input, _req, res) => {
    res.json(prices);
  });
  api.serveUser(listOp, (userId) => listPurchases(deps.pool, userId));
  api.serveUser(receiptOp, (userId, { params }) => purchaseReceipt(deps.pool, userId, params.id));
}
