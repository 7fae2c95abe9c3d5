import type { Request, RequestHandler } from "express";
import type { Pool } from "../db/pool.ts";
import { notAllowed, unauthenticated } from "../errors.ts";
import { accessTokenVerifier } from "./access-token.ts";
import { ACCESS_COOKIE, type AuthContext, type Role } from "./roles.ts";
import { findActiveSession } from "./session.repository.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** Set by `authenticate` when a valid access token came with the request. */
    auth?: AuthContext;
    /** Why a presented access token was not accepted. */
    authFailure?: "expired" | "invalid";
  }
}

/**
 * Reads the access token from the `boon_at` cookie or `Authorization: Bearer` and sets `req.auth`.
 * Never rejects by itself: `requireAuth` decides, so public routes ignore stale cookies.
 */
export function authenticate(jwtSecret: string): RequestHandler {
  const verify = accessTokenVerifier(jwtSecret);
  return async (req, _res, next) => {
    const token = bearerToken(req) ?? cookieToken(req);
    if (token !== undefined) {
      const result = await verify(token);
      if (result.ok) req.auth = result.auth;
      else req.authFailure = result.reason;
    }
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return match?.[1];
}

function cookieToken(req: Request): string | undefined {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const value = cookies?.[ACCESS_COOKIE];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** 401 `unauthenticated` unless the request carries a valid access token. */
export const requireAuth: RequestHandler = (req, _res, next) => {
  if (req.auth) {
    next();
    return;
  }
  const message =
    req.authFailure === "expired"
      ? "The access token has expired; refresh the session"
      : req.authFailure === "invalid"
        ? "The access token is invalid"
        : "Sign in first";
  next(unauthenticated("unauthenticated", message));
};

export type SessionGuards = {
  /**
   * Requires a signed-in user with one of `roles` (403 `forbidden` otherwise). Unlike `requireAuth`
   * it re-reads the session and role from the database, so a revoked session or a demotion takes
   * effect at once on privileged routes rather than when the access token expires.
   */
  requireRole(...roles: Role[]): RequestHandler;
  /**
   * `requireAuth` plus a database check that the session is still live (not logged out, revoked or
   * expired). Use it on every endpoint that moves money (purchases, withdrawals, gifts, KYC) and
   * on every endpoint that changes how one signs in (wallets, email, linked social accounts), so
   * a logged-out, revoked or stolen access token can neither spend nor add a way into the account
   * during its remaining minutes. Costs one indexed read per request.
   */
  requireLiveSession: RequestHandler;
};

/** The guards that check the session in the database, over `pool`. */
export function sessionGuards(pool: Pool): SessionGuards {
  function requireRole(...roles: Role[]): RequestHandler {
    return async (req, _res, next) => {
      if (!req.auth) {
        requireAuth(req, _res, next);
        return;
      }
      const session = await findActiveSession(pool, req.auth.sessionId);
      if (!session || session.userId !== req.auth.userId) {
        next(unauthenticated("unauthenticated", "The session has ended; sign in again"));
        return;
      }
      req.auth = { ...req.auth, role: session.role };
      if (roles.includes(session.role)) next();
      else next(notAllowed("forbidden", "You do not have access to this resource"));
    };
  }
  return { requireRole, requireLiveSession: requireRole("user", "analyst", "admin") };
}

/** The caller's auth context inside a handler behind `requireAuth`. */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw unauthenticated("unauthenticated", "Sign in first");
  return req.auth;
}
