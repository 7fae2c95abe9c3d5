import { recordAudit } from "../audit/audit.repository.ts";
import {
  SIWE_CODES,
  siweSignedBody,
  userProfileSchema,
  walletSchema,
} from "../auth/auth.schemas.ts";
import { authOf } from "../auth/middleware.ts";
import { checkSiweMessage, consumeNonce, verifySiweSignature } from "../auth/siwe.service.ts";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { conflict, notFound } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
import { auditRequestId } from "../http/request-context.ts";
import { findProfile, linkWallet } from "./user.repository.ts";

const op = operations({ tags: ["me"], auth: "user" });

const me = op.get("/v1/me", {
  summary: "The signed-in user: email, wallets, role",
  responses: {
    200: success("Profile", userProfileSchema),
    404: failure("The account no longer exists (`user_not_found`)"),
  },
});

const linkWalletOp = op.post("/v1/me/wallets", {
  summary: "Link another wallet by signing a SIWE message with it (nonce from /v1/auth/siwe/nonce)",
  description: `201 when newly linked, 200 when it was already yours, 409 wallet_linked_to_other_user when another account owns it. Adds a way into the account, so it needs a live session. Same SIWE checks as sign-in: ${SIWE_CODES}.`,
  auth: "live",
  rateLimit: "auth",
  request: { body: siweSignedBody },
  responses: {
    200: success("Already linked to you", walletSchema),
    201: success("Linked", walletSchema),
    401: failure("Not signed in, the session has ended, or the signature is refused"),
    409: failure("The wallet belongs to another account (`wallet_linked_to_other_user`)"),
  },
});

export function meRoutes(api: Api, deps: AppDeps): void {
  const { config, pool, logger } = deps;

  api.serveUser(me, async (userId) => {
    const profile = await findProfile(pool, userId);
    if (!profile) throw notFound("user_not_found", "Your account no longer exists");
    return profile;
  });

  // Adds a way into the account: a live session only (a logged-out or stolen token must not).
  api.route(linkWalletOp, async ({ body: { message, signature } }, req, res) => {
    const { userId } = authOf(req);
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
  });
}
