import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.ts";
import type { Pool, Queryable } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { unauthenticated } from "../errors.ts";
import { signAccessToken } from "./access-token.ts";
import type { AuthContext, Role } from "./roles.ts";
import {
  findRefreshTokenSession,
  insertRefreshToken,
  insertSession,
  lockActiveSession,
  revokeSession,
  type SessionMethod,
  spendRefreshToken,
} from "./session.repository.ts";

export type IssuedSession = {
  auth: AuthContext;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
};

/** Refresh tokens are 256 random bits; only their SHA-256 is stored (no salt needed at this entropy). */
export function hashRefreshToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}

const REFRESH_TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function isRefreshTokenFormat(token: string): boolean {
  return REFRESH_TOKEN_FORMAT.test(token);
}

async function issueAccess(config: Config, auth: AuthContext) {
  const now = new Date();
  const accessToken = await signAccessToken(
    auth,
    config.jwtSecret,
    config.accessTokenTtlSeconds,
    now,
  );
  return {
    accessToken,
    accessTokenExpiresAt: new Date(now.getTime() + config.accessTokenTtlSeconds * 1000),
  };
}

/** Starts a new session (refresh-token family) for a user. Call inside the sign-in transaction. */
export async function startSession(
  db: Queryable,
  config: Config,
  user: { id: string; role: Role },
  method: SessionMethod,
): Promise<IssuedSession> {
  const sessionId = await insertSession(db, user.id, method, config.refreshTokenTtlSeconds);
  const refreshToken = randomBytes(32).toString("base64url");
  const refreshTokenExpiresAt = await insertRefreshToken(
    db,
    sessionId,
    hashRefreshToken(refreshToken),
    config.refreshTokenTtlSeconds,
  );
  const auth = { userId: user.id, role: user.role, sessionId };
  return { auth, ...(await issueAccess(config, auth)), refreshToken, refreshTokenExpiresAt };
}

type RotateOutcome =
  | { kind: "ok"; session: IssuedSession }
  | { kind: "reused" }
  | { kind: "unknown" }
  | { kind: "inactive" };

/**
 * Exchanges a refresh token for a new pair. A token works once: presenting a spent token again
 * (a stolen copy, or a lost race) revokes the whole session so neither party keeps it.
 */
export async function rotateRefreshToken(
  pool: Pool,
  config: Config,
  token: string,
): Promise<IssuedSession> {
  const tokenHash = hashRefreshToken(token);
  const outcome = await withTransaction<RotateOutcome>(pool, async (db) => {
    const spent = await spendRefreshToken(db, tokenHash);
    if (!spent) {
      const sessionId = await findRefreshTokenSession(db, tokenHash);
      if (sessionId === undefined) return { kind: "unknown" };
      await revokeSession(db, sessionId, "refresh_token_reuse");
      return { kind: "reused" };
    }
    const active = spent.expired ? undefined : await lockActiveSession(db, spent.sessionId);
    if (!active) return { kind: "inactive" };
    const refreshToken = randomBytes(32).toString("base64url");
    const refreshTokenExpiresAt = await insertRefreshToken(
      db,
      active.sessionId,
      hashRefreshToken(refreshToken),
      config.refreshTokenTtlSeconds,
    );
    const auth = { userId: active.userId, role: active.role, sessionId: active.sessionId };
    return {
      kind: "ok",
      session: { auth, ...(await issueAccess(config, auth)), refreshToken, refreshTokenExpiresAt },
    };
  });
  switch (outcome.kind) {
    case "ok":
      return outcome.session;
    case "reused":
      throw unauthenticated(
        "refresh_token_reused",
        "This refresh token was already used; the session has been revoked, sign in again",
      );
    case "unknown":
      throw unauthenticated(
        "invalid_refresh_token",
        "The refresh token is not valid; sign in again",
      );
    case "inactive":
      throw unauthenticated("session_expired", "The session has ended; sign in again");
  }
}

/** Ends the session a refresh token belongs to (logout). Unknown tokens are ignored. */
export async function endSessionByRefreshToken(
  db: Queryable,
  token: string,
): Promise<string | undefined> {
  const sessionId = await findRefreshTokenSession(db, hashRefreshToken(token));
  if (sessionId !== undefined) await revokeSession(db, sessionId, "logout");
  return sessionId;
}
