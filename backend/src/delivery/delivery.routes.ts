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
import { noQuery, parseBody, parseQuery } from "../http/validate.ts";
import { giftRequest, giftSchema, withdrawalSchema } from "./delivery.schemas.ts";
import { type DeliveryServiceDeps, requestDelivery } from "./delivery.service.ts";
import { deliveryView } from "./delivery.view.ts";
import { listUserDeliveries } from "./outbox.repository.ts";

const deliverySchema = z.object({
  id: z.uuid(),
  type: z.enum(["withdrawal", "gift", "gift_refund", "internal"]),
  giftKind: z.enum(["address", "social", "link"]).nullable(),
  status: z.enum(["queued", "sent", "confirmed", "failed"]),
  amount: z.string(),
  decimals: z.number().int(),
  recipient: z.string().nullable(),
  recipientLabel: z.string().nullable(),
  linkKeyAddress: z.string().nullable(),
  context: z.string(),
  message: z.string(),
  expiresAt: z.string().nullable(),
  refundOf: z.string().nullable(),
  txHash: z.string().nullable(),
  blockNumber: z.string().nullable(),
  giftId: z.string().nullable(),
  failure: z.object({ code: z.string(), reason: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const createdSchema = z.object({
  delivery: deliverySchema,
  link: z
    .object({
      secret: z.string().nullable(),
      claimUrl: z.string().optional(),
      note: z.string().optional(),
    })
    .optional()
    .describe("Link gifts: the claim secret, in the first response only"),
});
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "cursor must be the nextCursor of a previous page")
    .optional(),
});
const idempotencyHeader = z.object({ "idempotency-key": z.string().min(8).max(255) });
const unprocessable = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

// Documented with the default lifetime bounds (GIFT_MIN/MAX_EXPIRY_SECONDS may narrow them).
registerDeliveryPaths({ min: 3600, max: 90 * 24 * 3600 });

function registerDeliveryPaths(bounds: { min: number; max: number }): void {
  openApiRegistry.registerPath({
    method: "post",
    path: "/v1/withdrawals",
    summary: "Withdraw BOON credits as tokens to a wallet linked to your account",
    security: sessionSecurity,
    request: { headers: idempotencyHeader, body: jsonBody(withdrawalSchema) },
    responses: {
      201: jsonResponse("Queued for delivery (a replay returns the stored answer)", createdSchema),
      422: jsonResponse(
        "`insufficient_balance`, `funds_on_hold` or `wallet_not_linked`",
        unprocessable,
      ),
      ...errorResponses(400, 401, 403, 409, 413, 429),
    },
  });
  openApiRegistry.registerPath({
    method: "post",
    path: "/v1/gifts",
    summary: "Send an on-chain gift paid with your credits: to an address, an X account or a link",
    security: sessionSecurity,
    request: { headers: idempotencyHeader, body: jsonBody(giftSchema(bounds)) },
    responses: {
      201: jsonResponse(
        "Queued for delivery; a link gift's secret is in this response only",
        createdSchema,
      ),
      422: jsonResponse("`insufficient_balance` or `funds_on_hold`", unprocessable),
      ...errorResponses(400, 401, 403, 409, 413, 429),
    },
  });
  openApiRegistry.registerPath({
    method: "get",
    path: "/v1/me/deliveries",
    summary: "Your withdrawals, gifts and refunds with their on-chain status, newest first",
    security: sessionSecurity,
    request: { query: listQuery },
    responses: {
      200: jsonResponse(
        "Deliveries",
        z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }),
      ),
      ...errorResponses(400, 401),
    },
  });
}

export function deliveryRoutes(deps: AppDeps): Router {
  const router = Router();
  const bounds = {
    min: deps.config.delivery.minExpirySeconds,
    max: deps.config.delivery.maxExpirySeconds,
  };
  const service: DeliveryServiceDeps = {
    pool: deps.pool,
    ledger: deps.ledger,
    delivery: deps.config.delivery,
    chainId: deps.config.chainId,
    dappOrigin: deps.config.money.returnUrlBase,
  };
  const gifts = giftSchema(bounds);

  router.post(
    "/withdrawals",
    deps.guards.requireLiveSession,
    deps.rateLimit.money,
    async (req, res) => {
      const key = idempotencyKeyOf(req);
      parseQuery(noQuery, req);
      const body = parseBody(withdrawalSchema, req);
      const requestId = requestIdOf(req);
      const result = await requestDelivery(service, {
        userId: authOf(req).userId,
        request: { kind: "withdrawal", to: body.to, amount: body.amount },
        scope: "POST /v1/withdrawals",
        idempotencyKey: key,
        requestHash: requestHash(body),
        ...(requestId ? { requestId } : {}),
      });
      sendIdempotent(res, result);
    },
  );

  router.post("/gifts", deps.guards.requireLiveSession, deps.rateLimit.money, async (req, res) => {
    const key = idempotencyKeyOf(req);
    parseQuery(noQuery, req);
    const body = parseBody(gifts, req);
    const requestId = requestIdOf(req);
    const result = await requestDelivery(service, {
      userId: authOf(req).userId,
      request: giftRequest(body, bounds),
      scope: "POST /v1/gifts",
      idempotencyKey: key,
      requestHash: requestHash(body),
      ...(requestId ? { requestId } : {}),
    });
    // The link secret must not linger in shared caches or history.
    res.setHeader("cache-control", "no-store");
    sendIdempotent(res, result);
  });

  router.get("/me/deliveries", requireAuth, async (req, res) => {
    const query = parseQuery(listQuery, req);
    const before = query.cursor === undefined ? undefined : BigInt(query.cursor);
    if (before !== undefined && before > 9_223_372_036_854_775_807n) {
      throw invalid("invalid_cursor", "cursor is out of range");
    }
    const rows = await listUserDeliveries(deps.pool, authOf(req).userId, {
      limit: query.limit + 1,
      ...(before === undefined ? {} : { before }),
    });
    const page = rows.slice(0, query.limit);
    res.json({
      items: page.map(deliveryView),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.seq.toString() ?? null) : null,
    });
  });
  return router;
}
