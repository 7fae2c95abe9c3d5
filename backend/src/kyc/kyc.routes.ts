import { z } from "zod";
import type { AppDeps } from "../deps.ts";
import { type Api, failure, MONEY, operations, success } from "../http/operations.ts";
import { listOf } from "../http/pages.ts";
import { auditRequestId } from "../http/request-context.ts";
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

const op = operations({ tags: ["kyc"], auth: "user" });

const limitsOp = op.get("/v1/me/limits", {
  summary: "KYC tier and rolling 24 h card purchase limit: used, remaining, when capacity frees up",
  responses: { 200: success("Limits", limitsSchema) },
});

const startOp = op.post("/v1/kyc/verifications", {
  summary: "Start a Stripe Identity verification to upgrade the KYC tier; open `url` to verify",
  ...MONEY,
  request: { body: startSchema },
  responses: {
    201: success("Verification started", verificationSchema),
    409: failure("The tier is already reached (`tier_already_reached`)"),
    503: PROVIDER_DOWN,
  },
});

const listOp = op.get("/v1/kyc/verifications", {
  summary: "The user's recent verifications",
  responses: { 200: success("Verifications", listOf(verificationSchema)) },
});

export function kycRoutes(api: Api, deps: AppDeps): void {
  const { pool, stripe, config } = deps;
  api.serveUser(limitsOp, (userId) => limitsFor(pool, config.money, userId));
  api.serveUser(startOp, (userId, { body }, req) =>
    startVerification(
      { pool, stripe, money: config.money },
      { userId, targetTier: body.targetTier, ...auditRequestId(req) },
    ),
  );
  api.serveUser(listOp, async (userId) => ({
    items: (await listVerifications(pool, userId)).map(verificationView),
  }));
}
