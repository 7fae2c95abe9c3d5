import { Router } from "express";
import { z } from "zod";
import { authOf, requireAuth } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { invalid } from "../errors.ts";
import { idempotencyKeyOf, requestHash, sendIdempotent } from "../http/idempotency.ts";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  openApiRegistry,
  sessionSecurity,
} from "../http/openapi.ts";
import { requestIdOf } from "../http/request-context.ts";
import { uuidSchema } from "../http/schemas.ts";
import { noQuery, parseBody, parseParams, parseQuery } from "../http/validate.ts";
import { createPurchase, getPurchase } from "./purchases.service.ts";

const createSchema = z.object({
  amountCents: z.int().positive().describe("Amount to pay in US cents (integer)"),
});
const purchaseSchema = z.object({
  id: z.uuid(),
  status: z.enum(["open", "processing", "paid", "failed", "expired", "over_limit"]),
  amountCents: z.number().int(),
  priceCentsPerBoon: z.number().int(),
  credits: z.string().describe("BOON credits in base units (18 decimals)"),
  decimals: z.number().int(),
  refundedCents: z.number().int(),
  checkoutUrl: z.string().nullable().describe("Stripe Checkout page while the purchase is open"),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
const idParams = z.object({ id: uuidSchema });

openApiRegistry.registerPath({
  method: "post",
  path: "/v1/purchases",
  summary: "Buy BOON credits by card: creates a Stripe Checkout Session within the KYC limit",
  security: sessionSecurity,
  request: {
    headers: z.object({ "idempotency-key": z.string().min(8).max(255) }),
    body: jsonBody(createSchema),
  },
  responses: {
    201: jsonResponse("Purchase created (a replay returns the stored answer)", purchaseSchema),
    422: jsonResponse(
      "Over the KYC limit (`kyc_limit_exceeded`)",
      z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
    ),
    ...errorResponses(400, 401, 403, 409, 413, 429, 503),
  },
});
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/purchases/{id}",
  summary: "A purchase's status",
  security: sessionSecurity,
  request: { params: idParams },
  responses: { 200: jsonResponse("Purchase", purchaseSchema), ...errorResponses(400, 401, 404) },
});

export function purchaseRoutes(deps: AppDeps): Router {
  const router = Router();
  const money = deps.config.money;
  router.post(
    "/purchases",
    deps.guards.requireLiveSession,
    deps.rateLimit.money,
    async (req, res) => {
      const key = idempotencyKeyOf(req);
      parseQuery(noQuery, req);
      const body = parseBody(createSchema, req);
      if (body.amountCents < money.purchaseMinCents || body.amountCents > money.purchaseMaxCents) {
        throw invalid(
          "amount_out_of_range",
          `amountCents must be between ${money.purchaseMinCents} and ${money.purchaseMaxCents}`,
          {
            min: money.purchaseMinCents,
            max: money.purchaseMaxCents,
          },
        );
      }
      const requestId = requestIdOf(req);
      const result = await createPurchase(
        { pool: deps.pool, stripe: deps.stripe, ledger: deps.ledger, money },
        {
          userId: authOf(req).userId,
          amountCents: body.amountCents,
          idempotencyKey: key,
          requestHash: requestHash(body),
          ...(requestId ? { requestId } : {}),
        },
      );
      sendIdempotent(res, result);
    },
  );
  router.get("/purchases/:id", requireAuth, async (req, res) => {
    parseQuery(noQuery, req);
    const { id } = parseParams(idParams, req);
    res.json(await getPurchase(deps.pool, authOf(req).userId, id));
  });
  return router;
}
