import type { Queryable } from "../db/pool.ts";

export type XAccountRow = {
  xUserId: string;
  userId: string;
  socialId: `0x${string}`;
  handle: string;
  name: string;
  handleSeenAt: Date;
  accessTokenEnc: Buffer | null;
  refreshTokenEnc: Buffer | null;
  tokenKeyId: string | null;
  accessExpiresAt: Date | null;
  scope: string;
  relinkRequiredAt: Date | null;
  linkedAt: Date;
};

const COLUMNS = `x_user_id AS "xUserId", user_id AS "userId", social_id AS "socialId", handle, name,
  handle_seen_at AS "handleSeenAt", access_token_enc AS "accessTokenEnc",
  refresh_token_enc AS "refreshTokenEnc", token_key_id AS "tokenKeyId",
  access_expires_at AS "accessExpiresAt", scope, relink_required_at AS "relinkRequiredAt",
  linked_at AS "linkedAt"`;

/** Serialises everything that creates or changes the link of one X account (first sign-ins too). */
export async function lockXUserId(db: Queryable, xUserId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('x-account:' || $1, 0))", [
    xUserId,
  ]);
}

export async function findXAccount(
  db: Queryable,
  xUserId: string,
): Promise<XAccountRow | undefined> {
  const { rows } = await db.query<XAccountRow>(
    `SELECT ${COLUMNS} FROM x_accounts WHERE x_user_id = $1`,
    [xUserId],
  );
  return rows[0];
}

export async function findXAccountOfUser(
  db: Queryable,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<XAccountRow | undefined> {
  const { rows } = await db.query<XAccountRow>(
    `SELECT ${COLUMNS} FROM x_accounts WHERE user_id = $1${options.lock ? " FOR UPDATE" : ""}`,
    [userId],
  );
  return rows[0];
}

export type StoredTokens = {
  accessTokenEnc: Buffer;
  refreshTokenEnc: Buffer | null;
  tokenKeyId: string;
  accessExpiresAt: Date;
  scope: string;
};

export async function insertXAccount(
  db: Queryable,
  account: { xUserId: string; userId: string; socialId: string; handle: string; name: string },
  tokens: StoredTokens,
): Promise<void> {
  await db.query(
    `INSERT INTO x_accounts (x_user_id, user_id, social_id, handle, name, access_token_enc,
       refresh_token_enc, token_key_id, access_expires_at, scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      account.xUserId,
      account.userId,
      account.socialId,
      account.handle,
      account.name,
      tokens.accessTokenEnc,
      tokens.refreshTokenEnc,
      tokens.tokenKeyId,
      tokens.accessExpiresAt,
      tokens.scope,
    ],
  );
}

/** A new token pair (sign-in again, or a refresh): the link works again. */
export async function storeTokens(
  db: Queryable,
  xUserId: string,
  tokens: StoredTokens,
): Promise<void> {
  await db.query(
    `UPDATE x_accounts SET access_token_enc = $2, refresh_token_enc = $3, token_key_id = $4,
       access_expires_at = $5, scope = $6, relink_required_at = NULL, updated_at = now()
     WHERE x_user_id = $1`,
    [
      xUserId,
      tokens.accessTokenEnc,
      tokens.refreshTokenEnc,
      tokens.tokenKeyId,
      tokens.accessExpiresAt,
      tokens.scope,
    ],
  );
}

/** X refused the refresh token: drop the dead tokens; the user must sign in with X again. */
export async function markRelinkRequired(db: Queryable, xUserId: string): Promise<void> {
  await db.query(
    `UPDATE x_accounts SET access_token_enc = NULL, refresh_token_enc = NULL, token_key_id = NULL,
       access_expires_at = NULL, relink_required_at = now(), updated_at = now()
     WHERE x_user_id = $1`,
    [xUserId],
  );
}

/**
 * Records the handle and name X just gave for an account, and whether they changed. The previous
 * values are returned when they did (a history row is written); the account need not be linked.
 */
export async function recordProfile(
  db: Queryable,
  profile: { xUserId: string; handle: string; name: string },
): Promise<{ linkedTo: string; from: { handle: string; name: string } } | undefined> {
  const { rows } = await db.query<{ user_id: string; old_handle: string; old_name: string }>(
    `UPDATE x_accounts a SET handle = $2, name = $3, handle_seen_at = now(), updated_at = now()
       FROM (SELECT x_user_id, handle, name FROM x_accounts WHERE x_user_id = $1 FOR UPDATE) old
      WHERE a.x_user_id = old.x_user_id
      RETURNING a.user_id, old.handle AS old_handle, old.name AS old_name`,
    [profile.xUserId, profile.handle, profile.name],
  );
  const row = rows[0];
  if (!row || (row.old_handle === profile.handle && row.old_name === profile.name))
    return undefined;
  await insertHandleHistory(db, profile);
  return { linkedTo: row.user_id, from: { handle: row.old_handle, name: row.old_name } };
}

export async function insertHandleHistory(
  db: Queryable,
  profile: { xUserId: string; handle: string; name: string },
): Promise<void> {
  await db.query("INSERT INTO x_handle_history (x_user_id, handle, name) VALUES ($1, $2, $3)", [
    profile.xUserId,
    profile.handle,
    profile.name,
  ]);
}

export async function deleteXAccount(
  db: Queryable,
  userId: string,
): Promise<XAccountRow | undefined> {
  const { rows } = await db.query<XAccountRow>(
    `DELETE FROM x_accounts WHERE user_id = $1 RETURNING ${COLUMNS}`,
    [userId],
  );
  return rows[0];
}

/** Boon users of linked social ids (lower-case hex), by social id. */
export async function usersBySocialId(
  db: Queryable,
  socialIds: readonly string[],
): Promise<Map<string, string>> {
  if (socialIds.length === 0) return new Map();
  const { rows } = await db.query<{ social_id: string; user_id: string }>(
    "SELECT social_id, user_id FROM x_accounts WHERE social_id = ANY($1::text[])",
    [socialIds],
  );
  return new Map(rows.map((row) => [row.social_id, row.user_id]));
}
