import { signIn, useTestDatabase } from "@boon/backend/test-support";
import { TEST_ENV } from "@boon/backend/test-support/app";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { purgeExpiredAuthState } from "./sign-in-state.repository.ts";

const db = useTestDatabase();
describe("purgeExpiredAuthState", () => {
  it("deletes long-dead nonces, codes, tokens, sessions and X OAuth states and keeps live ones", async () => {
    const ctx = { pool: db.pool, config: loadConfig(TEST_ENV) };
    const live = await signIn(ctx);
    const dead = await signIn(ctx);
    await db.pool.query(
      `INSERT INTO siwe_nonces (nonce, expires_at) VALUES ('oldnonce1', now() - interval '2 days'), ('newnonce1', now() + interval '5 minutes')`,
    );
    await db.pool.query(
      `INSERT INTO email_codes (email, code_hash, expires_at) VALUES
         ('old@example.com', '\\x00', now() - interval '2 days'), ('new@example.com', '\\x00', now() + interval '5 minutes')`,
    );
    await db.pool.query(
      "UPDATE sessions SET revoked_at = now() - interval '100 days', expires_at = now() - interval '100 days' WHERE id = $1",
      [dead.sessionId],
    );
    await db.pool.query(
      "UPDATE refresh_tokens SET expires_at = now() - interval '100 days' WHERE session_id = $1",
      [dead.sessionId],
    );
    await db.pool.query(
      `INSERT INTO x_oauth_states (state_hash, purpose, browser_hash, code_verifier_enc, key_id,
         redirect_to, expires_at)
       VALUES (sha256('old'), 'sign_in', sha256('b'), '\\x00', '0000000000000000', '/', now() - interval '2 days'),
              (sha256('new'), 'sign_in', sha256('b'), '\\x00', '0000000000000000', '/', now() + interval '5 minutes')`,
    );

    expect(await purgeExpiredAuthState(db.pool)).toEqual({
      nonces: 1,
      codes: 1,
      refreshTokens: 1,
      sessions: 1,
      xOAuthStates: 1,
    });
    const nonces = await db.pool.query("SELECT nonce FROM siwe_nonces");
    expect(nonces.rows.map((r) => r.nonce)).toEqual(["newnonce1"]);
    const sessions = await db.pool.query("SELECT id FROM sessions");
    expect(sessions.rows.map((r) => r.id)).toEqual([live.sessionId]);
    const codes = await db.pool.query("SELECT email FROM email_codes");
    expect(codes.rows.map((r) => r.email)).toEqual(["new@example.com"]);
    const states = await db.pool.query("SELECT count(*)::int AS n FROM x_oauth_states");
    expect(states.rows[0].n).toBe(1);
  });
});
