import { type Request, Router } from "express";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { unauthenticated, unavailable } from "../errors.ts";
import { errorResponses, jsonBody, jsonResponse, openApiRegistry } from "../http/openapi.ts";
import { requestIdOf } from "../http/request-context.ts";
import { noQuery, parseBody, parseQuery } from "../http/validate.ts";
import { findProfile } from "../users/user.repository.ts";
import {
  emailStartBody,
  emailStartResponse,
  emailVerifyBody,
  emptyBody,
  nonceResponse,
  sessionResponse,
  siweSignedBody,
} from "./auth.schemas.ts";
import { clearSessionCookies, setSessionCookies } from "./cookies.ts";
import { createEmailCode } from "./email-code.service.ts";
import { REFRESH_COOKIE } from "./roles.ts";
import { revokeSession } from "./session.repository.ts";
import {
  endSessionByRefreshToken,
  type IssuedSession,
  isRefreshTokenFormat,
  rotateRefreshToken,
} from "./session.service.ts";
import { signInWithEmailCode, signInWithWallet } from "./sign-in.service.ts";
import { checkSiweMessage, issueNonce, verifySiweSignature } from "./siwe.service.ts";

const tags = ["auth"];
openApiRegistry.registerPath({
  method: "get",
  path: "/v1/auth/siwe/nonce",
  tags,
  summary: "A single-use nonce for a Sign-In with Ethereum message (valid 10 minutes)",
  responses: { 200: jsonResponse("Nonce", nonceResponse), ...errorResponses(400, 429) },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/auth/siwe/verify",
  tags,
  summary: "Sign in with a signed EIP-4361 message; sets the session cookies",
  description:
    "Checks format, EIP-55 checksum, domain, chain id, expiry, signature (EOA offline; ERC-1271/6492 via RPC) and consumes the nonce. Codes: siwe_malformed, invalid_address, siwe_wrong_domain, siwe_wrong_chain, siwe_expired, siwe_not_yet_valid, siwe_bad_signature, siwe_unknown_nonce, siwe_nonce_used, siwe_nonce_expired.",
  request: { body: jsonBody(siweSignedBody) },
  responses: {
    200: jsonResponse("Signed in", sessionResponse),
    ...errorResponses(400, 401, 413, 429),
  },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/auth/email/start",
  tags,
  summary: "Email a 6-digit sign-in code (valid 10 minutes, 5 attempts)",
  request: { body: jsonBody(emailStartBody) },
  responses: {
    202: jsonResponse("Code sent", emailStartResponse),
    ...errorResponses(400, 413, 429, 503),
  },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/auth/email/verify",
  tags,
  summary: "Sign in with the emailed code; creates the account on first sign-in",
  description: "Codes: email_code_invalid, email_code_expired (401), email_code_locked (429).",
  request: { body: jsonBody(emailVerifyBody) },
  responses: {
    200: jsonResponse("Signed in", sessionResponse),
    ...errorResponses(400, 401, 413, 429),
  },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/auth/refresh",
  tags,
  summary: "Rotate the refresh token (cookie boon_rt) and issue a new access token",
  description:
    "Each refresh token works once. Presenting a spent one revokes the whole session (refresh_token_reused).",
  responses: {
    200: jsonResponse("New session tokens", sessionResponse),
    ...errorResponses(400, 401, 429),
  },
});
openApiRegistry.registerPath({
  method: "post",
  path: "/v1/auth/logout",
  tags,
  summary: "End the session and clear the cookies",
  responses: { 204: { description: "Signed out" }, ...errorResponses(400) },
});

function refreshCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === "string" && isRefreshTokenFormat(value) ? value : undefined;
}

export function authRoutes(deps: AppDeps): Router {
  const { config, pool, metrics, logger } = deps;
  const router = Router();
  const limit = deps.rateLimit.auth;

  async function sessionBody(session: IssuedSession) {
    const user = await findProfile(pool, session.auth.userId);
    return { user, accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString() };
  }

  /** Counts each auth attempt's outcome in the metrics. */
  async function counted<T>(event: string, fn: () => Promise<T>): Promise<T> {
    try {
      const result = await fn();
      metrics.authEvents.inc({ event, outcome: "success" });
      return result;
    } catch (error) {
      metrics.authEvents.inc({ event, outcome: "failure" });
      throw error;
    }
  }

  router.get("/auth/siwe/nonce", limit, async (req, res) => {
    parseQuery(noQuery, req);
    const { nonce, expiresAt } = await issueNonce(pool);
    res.setHeader("cache-control", "no-store");
    res.json({
      nonce,
      expiresAt: expiresAt.toISOString(),
      domain: config.siweDomain,
      chainId: config.chainId,
    });
  });

  router.post("/auth/siwe/verify", limit, async (req, res) => {
    const session = await counted("siwe", async () => {
      const { message, signature } = parseBody(siweSignedBody, req);
      const parsed = checkSiweMessage(message, config);
      await verifySiweSignature(parsed, message, signature, deps.chainClient, logger);
      return signInWithWallet({ pool, config }, parsed, requestIdOf(req));
    });
    setSessionCookies(res, config, session);
    res.json(await sessionBody(session));
  });

  router.post("/auth/email/start", limit, async (req, res) => {
    const { email } = parseBody(emailStartBody, req);
    const { code, expiresAt } = await withTransaction(pool, (db) =>
      createEmailCode(db, config.jwtSecret, email),
    );
    try {
      await deps.mailer.send({
        to: email,
        subject: `Your Boon sign-in code: ${code}`,
        text: `Your Boon sign-in code is ${code}.\n\nIt expires in 10 minutes. If you did not ask for it, ignore this email.`,
      });
    } catch (error) {
      req.log.error({ err: error }, "sending sign-in email failed");
      throw unavailable("mail_unavailable", "The sign-in email could not be sent; try again later");
    }
    res.status(202).json({ sent: true, expiresAt: expiresAt.toISOString() });
  });

  router.post("/auth/email/verify", limit, async (req, res) => {
    const session = await counted("email", async () => {
      const { email, code } = parseBody(emailVerifyBody, req);
      return signInWithEmailCode({ pool, config }, email, code, requestIdOf(req));
    });
    setSessionCookies(res, config, session);
    res.json(await sessionBody(session));
  });

  router.post("/auth/refresh", limit, async (req, res) => {
    const session = await counted("refresh", async () => {
      parseBody(emptyBody, req);
      const token = refreshCookie(req);
      if (token === undefined) {
        throw unauthenticated(
          "invalid_refresh_token",
          "No valid refresh token cookie; sign in again",
        );
      }
      return rotateRefreshToken(pool, config, token);
    }).catch((error: unknown) => {
      // A dead refresh token is useless to the browser; drop both cookies.
      clearSessionCookies(res, config);
      throw error;
    });
    setSessionCookies(res, config, session);
    res.json(await sessionBody(session));
  });

  router.post("/auth/logout", async (req, res) => {
    parseBody(emptyBody, req);
    const token = refreshCookie(req);
    if (token !== undefined) await endSessionByRefreshToken(pool, token);
    else if (req.auth) await revokeSession(pool, req.auth.sessionId, "logout");
    metrics.authEvents.inc({ event: "logout", outcome: "success" });
    clearSessionCookies(res, config);
    res.status(204).end();
  });

  return router;
}
