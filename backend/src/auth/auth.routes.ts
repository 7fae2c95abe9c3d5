import type { Request } from "express";
import { withTransaction } from "../db/transaction.ts";
import type { AppDeps } from "../deps.ts";
import { unauthenticated, unavailable } from "../errors.ts";
import { type Api, failure, operations, success } from "../http/operations.ts";
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

const op = operations({ tags: ["auth"], auth: "public", rateLimit: "auth" });

/** What a sign-in answers: the session, or 401 with why the proof was refused. */
function signInResponses(refused: string) {
  return { 200: success("Signed in", sessionResponse), 401: failure(refused) };
}

const nonce = op.get("/v1/auth/siwe/nonce", {
  summary: "A single-use nonce for a Sign-In with Ethereum message (valid 10 minutes)",
  responses: { 200: success("Nonce", nonceResponse) },
});

const siweVerify = op.post("/v1/auth/siwe/verify", {
  summary: "Sign in with a signed EIP-4361 message; sets the session cookies",
  description: `Checks format, EIP-55 checksum, domain, chain id, expiry, signature (EOA offline; ERC-1271/6492 via RPC) and consumes the nonce. ${SIWE_CODES}.`,
  request: { body: siweSignedBody },
  responses: signInResponses("The signature or nonce is refused"),
});

const emailStart = op.post("/v1/auth/email/start", {
  summary: "Email a 6-digit sign-in code (valid 10 minutes, 5 attempts)",
  request: { body: emailStartBody },
  responses: {
    202: success("Code sent", emailStartResponse),
    429: failure("Too many codes for this address (`email_rate_limited`) or requests"),
    503: failure("The email could not be sent (`mail_unavailable`)"),
  },
});

const emailVerify = op.post("/v1/auth/email/verify", {
  summary: "Sign in with the emailed code; creates the account on first sign-in",
  description: "Codes: email_code_invalid, email_code_expired (401), email_code_locked (429).",
  request: { body: emailVerifyBody },
  responses: signInResponses("Wrong or expired code"),
});

const refresh = op.post("/v1/auth/refresh", {
  summary: "Rotate the refresh token (cookie boon_rt) and issue a new access token",
  description:
    "Each refresh token works once. Presenting a spent one revokes the whole session (refresh_token_reused).",
  request: { body: emptyBody },
  responses: {
    200: success("New session tokens", sessionResponse),
    401: failure("No valid refresh token (`invalid_refresh_token`, `refresh_token_reused`)"),
  },
});

// Signing out is never held back by the sign-in limiter.
const logout = op.post("/v1/auth/logout", {
  summary: "End the session and clear the cookies",
  rateLimit: undefined,
  request: { body: emptyBody },
  responses: { 204: { description: "Signed out" } },
});

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
