import type { Queryable } from "../db/pool.ts";
import type { Role } from "./roles.ts";

export type SessionMethod = "siwe" | "email" | "x" | "test";

export async function insertSession(
  db: Queryable,
  userId: string,
  method: SessionMethod,
  ttlSeconds: number,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sessions (user_id, method, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id`,
    [userId, method, ttlSeconds],
  );
  return (rows[0] as { id: string }).id;
}

export async function insertRefreshToken(
  db: Queryable,
  sessionId: string,
  tokenHash: Buffer,
  ttlSeconds: number,
): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
     SELECT $1, id, least(expires_at, now() + make_interval(secs => $3)) FROM sessions WHERE id = $2
     RETURNING expires_at`,
    [tokenHash, sessionId, ttlSeconds],
  );
  return (rows[0] as { expires_at: Date }).expires_at;
}

/** Marks the token spent if it was not; only one caller can ever get a row back for a token. */
export async function spendRefreshToken(
  db: Queryable,
  tokenHash: Buffer,
): Promise<{ sessionId: string; expired: boolean } | undefined> {
  const { rows } = await db.query<{ session_id: string; expired: boolean }>(
    `UPDATE refresh_tokens SET spent_at = now()
      WHERE token_hash = $1 AND spent_at IS NULL
      RETURNING session_id, expires_at <= now() AS expired`,
    [tokenHash],
  );
  const row = rows[0];
  return row && { sessionId: row.session_id, expired: row.expired };
}

export async function findRefreshTokenSession(
  db: Queryable,
  tokenHash: Buffer,
): Promise<string | undefined> {
  const { rows } = await db.query<{ session_id: string }>(
    "SELECT session_id FROM refresh_tokens WHERE token_hash = $1",
    [tokenHash],
  );
  return rows[0]?.session_id;
}

export type ActiveSession = { sessionId: string; userId: string; role: Role };

/** The session with its user's current role, if it is neither revoked nor expired. Locks the session row. */
export async function lockActiveSession(
  db: Queryable,
  sessionId: string,
): Promise<ActiveSession | undefined> {
  const { rows } = await db.query<{ id: string; user_id: string; role: Role }>(
    `SELECT s.id, s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
      FOR UPDATE OF s`,
    [sessionId],
  );
  const row = rows[0];
  return row && { sessionId: row.id, userId: row.user_id, role: row.role };
}

/** Same check without a lock, for per-request use (admin routes). */
export async function findActiveSession(
  db: Queryable,
  sessionId: string,
): Promise<ActiveSession | undefined> {
  const { rows } = await db.query<{ id: string; user_id: string; role: Role }>(
    `SELECT s.id, s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    [sessionId],
  );
  const row = rows[0];
  return row && { sessionId: row.id, userId: row.user_id, role: row.role };
}

export async function revokeSession(
  db: Queryable,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    "UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL",
    [sessionId, reason],
  );
  return (rowCount ?? 0) > 0;
}
