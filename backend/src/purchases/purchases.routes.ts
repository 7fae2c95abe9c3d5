import { z } from "zod";
import { authOf } from "../auth/middleware.ts";
import type { MoneyConfig } from "../config.ts";
import type { AppDeps } from "../deps.ts";
import { requestHash, sendIdempotent } from "../http/idempotency.ts";
import { type Api, failure, MONEY, MONEY_ONCE, operations, success } from "../http/operations.ts";
import { auditRequestId } from "../http/request-context.ts";
import { uuidSchema } from "../http/schemas.ts";
import { cancelPurchase, createPurchase, getPurchase } from "./purchases.service.ts";

/** The accepted amounts come from configuration, so the schema (and the document) does too. */
function createSchema(money: MoneyConfig) {
  return z.object({
    amountCents: z
      .int()
      .min(money.purchaseMinCents)
      .max(money.purchaseMaxCents)
      .describe("Amount to pay in US cents (integer)"),
  });
}
const purchaseSchema = z.object({
  id: z.uuid(),
  status: z.enum(["open", "processing", "paid", "failed", "expired", "over_limit"]),
  amountCents: z.number().int(),
  priceCentsPerBoon: z.number().int(),
  credits: z.string().describe("BOON credits in base units (18 decimals)"),
  decimals: z.number().int(),
  refundedCents: z.number().int(),
  checkoutUrl: z.string().nullable().describe("Stripe Checkout page while the purchase is open"),
  reservedUntil: z
    .string()
    .nullable()
    .meta({ format: "date-time" })
    .describe("While open: until when the unpaid checkout holds this amount of the KYC limit"),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const idParams = z.object({ id: uuidSchema });
const op = operations({ tags: ["purchases"], auth: "user" });

/** Stripe could not be reached (or refused): the caller may retry. */
export const PROVIDER_DOWN = failure("Stripe is unavailable (`payment_provider_unavailable`)");
const NO_PURCHASE = failure("No such purchase of yours (`purchase_not_found`)");

function createPurchaseOp(money: MoneyConfig) {
  return op.post("/v1/purchases", {
    summary: "Buy BOON credits by card: creates a Stripe Checkout Session within the KYC limit",
    ...MONEY_ONCE,
    request: { body: createSchema(money) },
    responses: {
      201: success("Purchase created (a replay returns the stored answer)", purchaseSchema),
      403: failure("The account is restricted (`account_restricted`)"),
      422: failure("Over the KYC limit (`kyc_limit_exceeded`)"),
      503: PROVIDER_DOWN,
    },
  });
}

const getPurchaseOp = op.get("/v1/purchases/{id}", {
  summary: "A purchase's status",
  request: { params: idParams },
  responses: {
    200: success("Purchase", purchaseSchema),
    404: NO_PURCHASE,
  },
});

const cancelPurchaseOp = op.post("/v1/purchases/{id}/cancel", {
  summary: "Cancel an unpaid checkout: expires it at Stripe and releases its KYC reservation now",
  description:
    "For the checkout's cancel page. A purchase that is no longer open (paid, failed, expired) is returned unchanged, so calling it twice is harmless.",
  ...MONEY,
  request: { params: idParams },
  responses: {
    200: success("The purchase after cancelling", purchaseSchema),
    404: NO_PURCHASE,
    503: PROVIDER_DOWN,
  },
});

export function purchaseRoutes(api: Api, deps: AppDeps): void {
  const money = deps.config.money;
  api.route(createPurchaseOp(money), async ({ body, idempotencyKey }, req, res) => {
    const result = await createPurchase(
      { pool: deps.pool, stripe: deps.stripe, ledger: deps.ledger, money },
      {
        userId: authOf(req).userId,
        amountCents: body.amountCents,
        idempotencyKey,
        requestHash: requestHash(body),
        ...auditRequestId(req),
      },
    );
    sendIdempotent(res, result);
  });
  api.serveUser(getPurchaseOp, (userId, { params }) => getPurchase(deps.pool, userId, params.id));
  api.serveUser(cancelPurchaseOp, (userId, { params }) => cancelPurchase(deps, userId, params.id));
}
