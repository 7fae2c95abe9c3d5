import { Router } from "express";
import { recordAudit } from "../audit/audit.repository.ts";
import { siweSignedBody, userProfileSchema, walletSchema } from "../auth/auth.schemas.ts";
import { authOf, requireAuth } from "../auth/middleware.ts";
import { checkSiweMessage, consumeNonce, verifySiweSignature } from "../auth/siwe.service.ts";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { conflict, notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  openApiRegistry,
  sessionSecurity,
} from "../http/openapi.ts";
import { auditRequestId } from "../http/request-context.ts";
import { noQuery, parseBody, parseQuery } from "../http/validate.ts";
import { findProfile, linkWallet } from "./user.repository.ts";

const tags = ["me"];
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/me",
  tags,
  summary: "The signed-in user: email, wallets, role",
  security: sessionSecurity,
  responses: { 200: jsonResponse("Profile", userProfileSchema), ...errorResponses(401, 429) },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/me/wallets",
  tags,
  summary: "Link another wallet by signing a SIWE message with it (nonce from /v1/auth/siwe/nonce)",
  description:
    "201 when newly linked, 200 when it was already yours, 409 wallet_linked_to_other_user when another account owns it. Same SIWE checks and codes as sign-in.",
  security: sessionSecurity,
  request: { body: jsonBody(siweSignedBody) },
  responses: {
    200: jsonResponse("Already linked to you", walletSchema),
    201: jsonResponse("Linked", walletSchema),
    ...errorResponses(400, 401, 409, 413, 429),
  },
});

export function meRoutes(deps: AppDeps): Router {
  const { config, pool, logger } = deps;
  const router = Router();

  router.get("/me", requireAuth, async (req, res) => {
    parseQuery(noQuery, req);
    const profile = await findProfile(pool, authOf(req).userId);
    if (!profile) throw notFound("user_not_found", "Your account no longer exists");
    res.json(profile);
  });

  // Adds a way into the account: a live session only (a logged-out or stolen token must not).
  router.post(
    "/me/wallets",
    deps.guards.requireLiveSession,
    deps.rateLimit.auth,
    async (req, res) => {
      const { userId } = authOf(req);
      const { message, signature } = parseBody(siweSignedBody, req);
      const parsed = checkSiweMessage(message, config);
      await verifySiweSignature(parsed, message, signature, deps.chainClient, logger);
      const outcome = await withTransaction(pool, async (db) => {
        await consumeNonce(db, parsed.nonce);
        const result = await linkWallet(db, userId, parsed.address);
        if (result === "linked") {
          await recordAudit(db, {
            actorUserId: userId,
            action: "wallet.linked",
            subjectType: "user",
            subjectId: userId,
            details: { address: parsed.address },
            ...auditRequestId(req),
          });
          await appendEvent(db, {
            type: "wallet.linked",
            subject: { type: "user", id: userId },
            userId,
            payload: { address: parsed.address },
          });
        }
        return result;
      });
      if (outcome === "owned_by_other_user") {
        throw conflict("wallet_linked_to_other_user", "This wallet belongs to another account");
      }
      const profile = await findProfile(pool, userId);
      const wallet = profile?.wallets.find((w) => w.address === parsed.address);
      res.status(outcome === "linked" ? 201 : 200).json(wallet);
    },
  );

  return router;
}
