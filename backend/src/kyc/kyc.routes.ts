import { z } from "zod";
import { authOf } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, type Operation } from "../http/operations.ts";
import { requestIdOf } from "../http/request-context.ts";
import { PROVIDER_DOWN } from "../purchases/purchases.routes.ts";
import { listVerifications } from "./kyc.repository.ts";
import { limitsFor, startVerification, verificationView } from "./kyc.service.ts";

const limitsSchema = z.object({
  tier: z.enum(["BASIC", "STANDARD", "PREMIUM"]),
  restricted: z.boolean(),
  windowHours: z.number().int(),
  limitCents: z.number().int(),
  usedCents: z.number().int(),
  remainingCents: z.number().int(),
  nextReleaseAt: z.string().nullable(),
  fullyAvailableAt: z.string().nullable(),
  reservedCents: z
    .number()
    .int()
    .describe(
      "Part of usedCents held by open checkouts, released when they expire or are cancelled",
    ),
  reservations: z
    .array(
      z.object({
        purchaseId: z.uuid(),
        amountCents: z.number().int(),
        reservedUntil: z.string().meta({ format: "date-time" }),
      }),
    )
    .describe("The open checkouts and until when each holds its amount"),
  withdrawalHoldHours: z.number().int(),
});
const startSchema = z.object({ targetTier: z.enum(["STANDARD", "PREMIUM"]) });
const verificationSchema = z.object({
  id: z.uuid(),
  targetTier: z.enum(["STANDARD", "PREMIUM"]),
  status: z.enum(["requires_input", "processing", "verified", "canceled"]),
  url: z.string().nullable(),
  createdAt: z.string(),
});

const tags = ["kyc"];

const limitsOp = {
  method: "get",
  path: "/v1/me/limits",
  tags,
  summary: "KYC tier and rolling 24 h card purchase limit: used, remaining, when capacity frees up",
  auth: "user",
  responses: { 200: { description: "Limits", schema: limitsSchema } },
} satisfies Operation;

const startOp = {
  method: "post",
  path: "/v1/kyc/verifications",
  tags,
  summary: "Start a Stripe Identity verification to upgrade the KYC tier; open `url` to verify",
  auth: "live",
  rateLimit: "money",
  request: { body: startSchema },
  responses: {
    201: { description: "Verification started", schema: verificationSchema },
    409: failure("The tier is already reached (`tier_already_reached`)"),
    503: PROVIDER_DOWN,
  },
} satisfies Operation;

const listOp = {
  method: "get",
  path: "/v1/kyc/verifications",
  tags,
  summary: "The user's recent verifications",
  auth: "user",
  responses: {
    200: {
      description: "Verifications",
      schema: z.object({ items: z.array(verificationSchema) }),
    },
  },
} satisfies Operation;

export function kycRoutes(api: Api, deps: AppDeps): void {
  api.route(limitsOp, async (_input, req, res) => {
    res.json(await limitsFor(deps.pool, deps.config.money, authOf(req).userId));
  });
  api.route(startOp, async ({ body }, req, res) => {
    const requestId = requestIdOf(req);
    const view = await startVerification(
      { pool: deps.pool, stripe: deps.stripe, money: deps.config.money },
      {
        userId: authOf(req).userId,
        targetTier: body.targetTier,
        ...(requestId ? { requestId } : {}),
      },
    );
    res.status(201).json(view);
  });
  api.route(listOp, async (_input, req, res) => {
    const items = await listVerifications(deps.pool, authOf(req).userId);
    res.json({ items: items.map(verificationView) });
  });
}
