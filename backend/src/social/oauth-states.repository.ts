import type { Queryable } from "../db/pool.ts";

export type OAuthPurpose = "link" | "sign_in";

export type OAuthState = {
  purpose: OAuthPurpose;
  sessionId: string | null;
  userId: string | null;
  codeVerifierEnc: Buffer;
  keyId: string;
  redirectTo: string;
  expired: boolean;
};

export async function insertOAuthState(
  db: Queryable,
  state: {
    stateHash: Buffer;
    purpose: OAuthPurpose;
    sessionId: string | null;
    userId: string | null;
    browserHash: Buffer;
    codeVerifierEnc: Buffer;
    keyId: string;
    redirectTo: string;
    ttlSeconds: number;
  },
): Promise<Date> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO x_oauth_states (state_hash, purpose, session_id, user_id, browser_hash,
       code_verifier_enc, key_id, redirect_to, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(secs => $9))
     RETURNING expires_at`,
    [
      state.stateHash,
      state.purpose,
      state.sessionId,
      state.userId,
      state.browserHash,
      state.codeVerifierEnc,
      state.keyId,
      state.redirectTo,
      state.ttlSeconds,
    ],
  );
  return (rows[0] as { expires_at: Date }).expires_at;
}

export type SpendOutcome =
  | { kind: "spent"; state: OAuthState }
  | { kind: "unknown" }
  | { kind: "used"; redirectTo: string }
  | { kind: "other_browser"; redirectTo: string };

/**
 * Spends a state with one conditional UPDATE, only for the browser that started the flow: of any
 * number of concurrent callbacks with one state, at most one gets it. A state another browser
 * presents is not spent (its owner may still finish), and is reported as such.
 */
export async function spendOAuthState(
  db: Queryable,
  stateHash: Buffer,
  browserHash: Buffer | undefined,
): Promise<SpendOutcome> {
  const { rows } = await db.query<{
    purpose: OAuthState["purpose"];
    session_id: string | null;
    user_id: string | null;
    code_verifier_enc: Buffer;
    key_id: string;
    redirect_to: string;
    expired: boolean;
  }>(
    `UPDATE x_oauth_states SET used_at = now()
      WHERE state_hash = $1 AND used_at IS NULL AND browser_hash = $2
      RETURNING purpose, session_id, user_id, code_verifier_enc, key_id, redirect_to,
        expires_at <= now() AS expired`,
    [stateHash, browserHash ?? Buffer.alloc(32)],
  );
  const row = rows[0];
  if (row)
    return {
      kind: "spent",
      state: {
        purpose: row.purpose,
        sessionId: row.session_id,
        userId: row.user_id,
        codeVerifierEnc: row.code_verifier_enc,
        keyId: row.key_id,
        redirectTo: row.redirect_to,
        expired: row.expired,
      },
    };
  const found = await db.query<{ used: boolean; redirect_to: string }>(
    "SELECT used_at IS NOT NULL AS used, redirect_to FROM x_oauth_states WHERE state_hash = $1",
    [stateHash],
  );
  const existing = found.rows[0];
  if (!existing) return { kind: "unknown" };
  return existing.used
    ? { kind: "used", redirectTo: existing.redirect_to }
    : { kind: "other_browser", redirectTo: existing.redirect_to };
}
