import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { findOrCreateUserByWallet, upsertUserByEmail } from "../users/user.repository.ts";
import { recordUserCreated } from "../users/user-created.ts";
import { checkEmailCode, codeRejection } from "./email-code.service.ts";
import type { Role } from "./roles.ts";
import { type IssuedSession, startSession } from "./session.service.ts";
import { consumeNonce } from "./siwe.service.ts";

type SignInDeps = { pool: Pool; config: Config };

/**
 * Signs in the owner of a checked SIWE message: spends its nonce, finds or creates the wallet's
 * user and starts a session, in one transaction.
 */
export function signInWithWallet(
  deps: SignInDeps,
  parsed: { nonce: string; address: string },
  requestId: string | undefined,
): Promise<IssuedSession> {
  return withTransaction(deps.pool, async (db) => {
    await consumeNonce(db, parsed.nonce);
    const user = await findOrCreateUserByWallet(db, parsed.address);
    if (user.created)
      await recordUserCreated(db, user.id, "siwe", requestId, { address: parsed.address });
    return startSession(db, deps.config, user, "siwe");
  });
}

/**
 * Signs in with an emailed code, creating the account on first sign-in. A wrong code's attempt is
 * counted (committed) before the refusal is thrown.
 */
export async function signInWithEmailCode(
  deps: SignInDeps,
  email: string,
  code: string,
  requestId: string | undefined,
): Promise<IssuedSession> {
  const outcome = await withTransaction(deps.pool, async (db) => {
    const check = await checkEmailCode(db, deps.config.jwtSecret, email, code);
    if (check !== "ok") return { check } as const;
    const user: { id: string; role: Role; created: boolean } = await upsertUserByEmail(db, email);
    if (user.created) await recordUserCreated(db, user.id, "email", requestId, {});
    return { check, session: await startSession(db, deps.config, user, "email") } as const;
  });
  if (outcome.check !== "ok") throw codeRejection(outcome.check);
  return outcome.session;
}
