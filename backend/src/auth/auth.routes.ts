import type { Request } from "express";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { unauthenticated, unavailable } from "../errors.ts";
import { type Api, failure, type Operation } from "../http/operations.ts";
import { requestIdOf } from "../http/request-context.ts";
import { findProfile } from "../users/user.repository.ts";
import {
  emailStartBody,
  emailStartResponse,
  emailVerifyBody,
  emptyBody,
  nonceResponse,
  SIWE_CODES,
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

const nonce = {
  method: "get",
  path: "/v1/auth/siwe/nonce",
  tags,
  summary: "A single-use nonce for a Sign-In with Ethereum message (valid 10 minutes)",
  auth: "public",
  rateLimit: "auth",
  responses: { 200: { description: "Nonce", schema: nonceResponse } },
} satisfies Operation;

const siweVerify = {
  method: "post",
  path: "/v1/auth/siwe/verify",
  tags,
  summary: "Sign in with a signed EIP-4361 message; sets the session cookies",
  description: `Checks format, EIP-55 checksum, domain, chain id, expiry, signature (EOA offline; ERC-1271/6492 via RPC) and consumes the nonce. ${SIWE_CODES}.`,
  auth: "public",
  rateLimit: "auth",
  request: { body: siweSignedBody },
  responses: {
    200: { description: "Signed in", schema: sessionResponse },
    401: failure("The signature or nonce is refused"),
  },
} satisfies Operation;

const emailStart = {
  method: "post",
  path: "/v1/auth/email/start",
  tags,
  summary: "Email a 6-digit sign-in code (valid 10 minutes, 5 attempts)",
  auth: "public",
  rateLimit: "auth",
  request: { body: emailStartBody },
  responses: {
    202: { description: "Code sent", schema: emailStartResponse },
    429: failure("Too many codes for this address (`email_rate_limited`) or requests"),
    503: failure("The email could not be sent (`mail_unavailable`)"),
  },
} satisfies Operation;

const emailVerify = {
  method: "post",
  path: "/v1/auth/email/verify",
  tags,
  summary: "Sign in with the emailed code; creates the account on first sign-in",
  description: "Codes: email_code_invalid, email_code_expired (401), email_code_locked (429).",
  auth: "public",
  rateLimit: "auth",
  request: { body: emailVerifyBody },
  responses: {
    200: { description: "Signed in", schema: sessionResponse },
    401: failure("Wrong or expired code"),
  },
} satisfies Operation;

const refresh = {
  method: "post",
  path: "/v1/auth/refresh",
  tags,
  summary: "Rotate the refresh token (cookie boon_rt) and issue a new access token",
  description:
    "Each refresh token works once. Presenting a spent one revokes the whole session (refresh_token_reused).",
  auth: "public",
  rateLimit: "auth",
  request: { body: emptyBody },
  responses: {
    200: { description: "New session tokens", schema: sessionResponse },
    401: failure("No valid refresh token (`invalid_refresh_token`, `refresh_token_reused`)"),
  },
} satisfies Operation;

const logout = {
  method: "post",
  path: "/v1/auth/logout",
  tags,
  summary: "End the session and clear the cookies",
  auth: "public",
  request: { body: emptyBody },
  responses: { 204: { description: "Signed out" } },
} satisfies Operation;

function refreshCookie(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === "string" && isRefreshTokenFormat(value) ? value : undefined;
}

export function authRoutes(api: Api, deps: AppDeps): void {
  const { config, pool, metrics, logger } = deps;

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

  api.route(nonce, async (_input, _req, res) => {
    const { nonce, expiresAt } = await issueNonce(pool);
    res.json({
      nonce,
      expiresAt: expiresAt.toISOString(),
      domain: config.siweDomain,
      chainId: config.chainId,
    });
  });

  api.route(siweVerify, async ({ body }, req, res) => {
    const session = await counted("siwe", async () => {
      const { message, signature } = body;
      const parsed = checkSiweMessage(message, config);
      await verifySiweSignature(parsed, message, signature, deps.chainClient, logger);
      return signInWithWallet({ pool, config }, parsed, requestIdOf(req));
    });
    setSessionCookies(res, config, session);
    res.json(await sessionBody(session));
  });

  api.route(emailStart, async ({ body: { email } }, req, res) => {
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

  api.route(emailVerify, async ({ body: { email, code } }, req, res) => {
    const session = await counted("email", async () => {
      return signInWithEmailCode({ pool, config }, email, code, requestIdOf(req));
    });
    setSessionCookies(res, config, session);
    res.json(await sessionBody(session));
  });

  api.route(refresh, async (_input, req, res) => {
    const session = await counted("refresh", async () => {
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

  api.route(logout, async (_input, req, res) => {
    const token = refreshCookie(req);
    if (token !== undefined) await endSessionByRefreshToken(pool, token);
    else if (req.auth) await revokeSession(pool, req.auth.sessionId, "logout");
    metrics.authEvents.inc({ event: "logout", outcome: "success" });
    clearSessionCookies(res, config);
    res.status(204).end();
  });
}
