import type { Queryable } from "../db/pool.ts";

/** How long dead sign-in state is kept (for support and forensics) before it is deleted. */
export const RETENTION = {
  nonces: "1 day",
  codes: "1 day",
  refreshTokens: "7 days",
  sessions: "90 days",
  xOAuthStates: "1 day",
} as const;

export type PurgeCounts = {
  nonces: number;
  codes: number;
  refreshTokens: number;
  sessions: number;
  xOAuthStates: number;
};

/** Deletes long-expired nonces, codes, refresh tokens and sessions so the tables stay small. */
export async function purgeExpiredAuthState(db: Queryable): Promise<PurgeCounts> {
  const run = async (sql: string, interval: string) =>
    (await db.query(sql, [interval])).rowCount ?? 0;
  return {
    nonces: await run(
      "DELETE FROM siwe_nonces WHERE expires_at < now() - $1::interval",
      RETENTION.nonces,
    ),
    codes: await run(
      "DELETE FROM email_codes WHERE expires_at < now() - $1::interval",
      RETENTION.codes,
    ),
    refreshTokens: await run(
      "DELETE FROM refresh_tokens WHERE expires_at < now() - $1::interval",
      RETENTION.refreshTokens,
    ),
    sessions: await run(
      "DELETE FROM sessions WHERE coalesce(least(revoked_at, expires_at), expires_at) < now() - $1::interval",
      RETENTION.sessions,
    ),
    xOAuthStates: await run(
      "DELETE FROM x_oauth_states WHERE expires_at < now() - $1::interval",
      RETENTION.xOAuthStates,
    ),
  };
}
