import { Router } from "express";
import { z } from "zod";
import { authOf, requireAuth } from "../auth/middleware.ts";
import type { AppDeps } from "../deps.ts";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  openApiRegistry,
  sessionSecurity,
} from "../http/openapi.ts";
import { requestIdOf } from "../http/request-context.ts";
import { noQuery, parseBody, parseQuery } from "../http/validate.ts";
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

openApiRegistry.registerPath({
  method: "get",
  path: "/v1/me/limits",
  summary: "KYC tier and rolling 24 h card purchase limit: used, remaining, when capacity frees up",
  security: sessionSecurity,
  responses: { 200: jsonResponse("Limits", limitsSchema), ...errorResponses(400, 401) },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/kyc/verifications",
  summary: "Start a Stripe Identity verification to upgrade the KYC tier; open `url` to verify",
  security: sessionSecurity,
  request: { body: jsonBody(startSchema) },
  responses: {
    201: jsonResponse("Verification started", verificationSchema),
    ...errorResponses(400, 401, 409, 429),
  },
});
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/kyc/verifications",
  summary: "The user's recent verifications",
  security: sessionSecurity,
  responses: {
    200: jsonResponse("Verifications", z.object({ items: z.array(verificationSchema) })),
    ...errorResponses(401),
  },
});

export function kycRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get("/me/limits", requireAuth, async (req, res) => {
    parseQuery(noQuery, req);
    res.json(await limitsFor(deps.pool, deps.config.money, authOf(req).userId));
  });
  router.post(
    "/kyc/verifications",
    deps.guards.requireLiveSession,
    deps.rateLimit.money,
    async (req, res) => {
      const body = parseBody(startSchema, req);
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
    },
  );
  router.get("/kyc/verifications", requireAuth, async (req, res) => {
    parseQuery(noQuery, req);
    const items = await listVerifications(deps.pool, authOf(req).userId);
    res.json({ items: items.map(verificationView) });
  });
  return router;
}
