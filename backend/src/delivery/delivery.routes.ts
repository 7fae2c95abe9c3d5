import { giftKindNames } from "@boon/contracts";
import { z } from "zod";
import { authOf } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { requestHash, sendIdempotent } from "../http/idempotency.ts";
import { type Api, failure, MONEY_ONCE, operations, success } from "../http/operations.ts";
import { cursorPage, pageOf } from "../http/pages.ts";
import { auditRequestId } from "../http/request-context.ts";
import { cursorSchema, queryInt } from "../http/schemas.ts";
import { storedAnswer } from "../idempotency/idempotency.ts";
import { xGiftSchema } from "../social/x.schemas.ts";
import { xGiftRequest } from "../social/x-gift.ts";
import { giftRequest, giftSchema, withdrawalSchema } from "./delivery.schemas.ts";
import { type DeliveryServiceDeps, requestDelivery } from "./delivery.service.ts";
import { deliveryView } from "./delivery.view.ts";
import { listUserDeliveries } from "./outbox.repository.ts";

const deliverySchema = z.object({
  id: z.uuid(),
  type: z.enum(["withdrawal", "gift", "gift_refund", "internal"]),
  giftKind: z.enum(giftKindNames).nullable(),
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
  x: xGiftSchema.optional().describe('Gifts to an X account (`kind: "x"`): who it went to'),
});
const listQuery = z.object({
  limit: queryInt({ min: 1, max: 100, default: 20 }),
  cursor: cursorSchema,
});
const op = operations({ tags: ["delivery"], auth: "user" });
const refusals = {
  403: failure("The account is restricted (`account_restricted`)"),
};

const withdrawalOp = op.post("/v1/withdrawals", {
  summary: "Withdraw BOON credits as tokens to a wallet linked to your account",
  ...MONEY_ONCE,
  request: { body: withdrawalSchema },
  responses: {
    201: success("Queued for delivery (a replay returns the stored answer)", createdSchema),
    ...refusals,
    422: failure("`insufficient_balance`, `funds_on_hold` or `wallet_not_linked`"),
  },
});

function giftOp(bounds: { min: number; max: number }) {
  return op.post("/v1/gifts", {
    summary: "Send an on-chain gift paid with your credits: to an address, an X account or a link",
    ...MONEY_ONCE,
    request: { body: giftSchema(bounds) },
    responses: {
      201: success(
        "Queued for delivery; a link gift's secret is in this response only",
        createdSchema,
      ),
      ...refusals,
      404: failure('`kind: "x"`: `x_user_not_found`, `x_post_not_found`'),
      422: failure("`insufficient_balance`, `funds_on_hold`; `x_user_suspended`"),
      503: failure(
        '`kind: "x"`: X cannot be asked now (`x_rate_limited` + Retry-After, `x_unavailable`)',
      ),
    },
  });
}

const listOp = op.get("/v1/me/deliveries", {
  summary: "Your withdrawals, gifts and refunds with their on-chain status, newest first",
  request: { query: listQuery },
  responses: { 200: success("Deliveries", pageOf(deliverySchema)) },
});

export function deliveryRoutes(api: Api, deps: AppDeps): void {
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

  api.route(withdrawalOp, async ({ body, idempotencyKey }, req, res) => {
    const result = await requestDelivery(service, {
      userId: authOf(req).userId,
      request: { kind: "withdrawal", to: body.to, amount: body.amount },
      scope: "POST /v1/withdrawals",
      idempotencyKey,
      requestHash: requestHash(body),
      ...auditRequestId(req),
    });
    sendIdempotent(res, result);
  });

  api.route(giftOp(bounds), async ({ body, idempotencyKey }, req, res) => {
    const base = {
      userId: authOf(req).userId,
      scope: "POST /v1/gifts",
      idempotencyKey,
      requestHash: requestHash(body),
      ...auditRequestId(req),
    };
    if (body.kind !== "x") {
      sendIdempotent(
        res,
        await requestDelivery(service, { ...base, request: giftRequest(body, bounds) }),
      );
      return;
    }
    // An X recipient is resolved through X first; a retry replays its stored answer without
    // asking X again (who the handle named then is what the gift went to).
    const replay = await storedAnswer(deps.pool, { ...base, key: idempotencyKey });
    if (replay) return sendIdempotent(res, replay);
    const { claimPageUrl } = deps.config.social.x;
    const x = await xGiftRequest(deps.social.resolver, body, { bounds, claimPageUrl });
    const annotations = { x: x.annotation };
    sendIdempotent(
      res,
      await requestDelivery(service, { ...base, request: x.request, annotations }),
    );
  });

  api.serveUser(listOp, (userId, { query }) =>
    cursorPage(
      query,
      (window) => listUserDeliveries(deps.pool, userId, window),
      deliveryView,
      (delivery) => delivery.seq.toString(),
    ),
  );
}
