// A linked account's X tokens: sealed at rest (token-cipher.ts) and refreshed one at a time. X's
// refresh tokens are single-use and rotate on every refresh, so two refreshes racing with one token
// would burn it (the loser's request is refused and the link is dead). The refresh therefore runs
// inside the transaction that stores the new pair, holding the account row's lock (SELECT … FOR
// UPDATE): a second caller waits for the lock, then finds the fresh access token and never calls X.
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { conflict, notFound, unavailable } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import type { SocialContext } from "./social-context.ts";
import type { TokenCipher } from "./token-cipher.ts";
import {
  findXAccountOfUser,
  markRelinkRequired,
  type StoredTokens,
  storeTokens,
  type XAccountRow,
} from "./x-accounts.repository.ts";
import { XOAuthError, type XTokens } from "./x-oauth.ts";

/** An access token closer than this to its expiry is refreshed first. */
const EXPIRY_MARGIN_MS = 60_000;

/** Where an account's tokens are bound (the AAD of their ciphertexts). */
const tokenAad = (xUserId: string, which: "access" | "refresh") => `x_accounts:${xUserId}:${which}`;

/** A token pair from X, encrypted for the account's row. */
export function sealTokens(cipher: TokenCipher, xUserId: string, tokens: XTokens): StoredTokens {
  return {
    accessTokenEnc: cipher.encrypt(tokens.accessToken, tokenAad(xUserId, "access")),
    refreshTokenEnc:
      tokens.refreshToken === undefined
        ? null
        : cipher.encrypt(tokens.refreshToken, tokenAad(xUserId, "refresh")),
    tokenKeyId: cipher.keyId,
    accessExpiresAt: tokens.expiresAt,
    scope: tokens.scope,
  };
}

/** One of a row's tokens in clear, or undefined when the row has none. */
export function openToken(
  cipher: TokenCipher,
  row: Pick<XAccountRow, "xUserId" | "tokenKeyId" | "accessTokenEnc" | "refreshTokenEnc">,
  which: "access" | "refresh",
): string | undefined {
  const sealed = which === "access" ? row.accessTokenEnc : row.refreshTokenEnc;
  if (!sealed || !row.tokenKeyId) return undefined;
  return cipher.decrypt(sealed, row.tokenKeyId, tokenAad(row.xUserId, which));
}

type Outcome =
  | { kind: "ok"; xUserId: string; accessToken: string }
  | { kind: "not_linked" }
  | { kind: "relink"; xUserId: string };

/**
 * A live access token for the user's linked X account, refreshed (under the row lock) when it is
 * about to expire. Throws `x_not_linked`, `x_relink_required` (X refused the refresh token: any 400,
 * which is how X answers a spent one) or `x_unavailable`.
 */
export async function freshAccessToken(
  ctx: Pick<SocialContext, "pool" | "cipher" | "oauth">,
  userId: string,
): Promise<{ xUserId: string; accessToken: string }> {
  // One attempt: a retried body would present the refresh token X may already have rotated.
  const outcome = await withTransaction<Outcome>(
    ctx.pool,
    async (db) => {
      const row = await findXAccountOfUser(db, userId, { lock: true });
      if (!row) return { kind: "not_linked" };
      const current = openToken(ctx.cipher, row, "access");
      if (current && (row.accessExpiresAt?.getTime() ?? 0) > Date.now() + EXPIRY_MARGIN_MS)
        return { kind: "ok", xUserId: row.xUserId, accessToken: current };
      const refreshToken = openToken(ctx.cipher, row, "refresh");
      if (refreshToken === undefined) return { kind: "relink", xUserId: row.xUserId };
      let tokens: XTokens;
      try {
        tokens = await ctx.oauth.refresh(refreshToken);
      } catch (error) {
        if (!(error instanceof XOAuthError) || error.kind !== "refused") throw error;
        await requireRelink(db, row);
        return { kind: "relink", xUserId: row.xUserId };
      }
      await storeTokens(db, row.xUserId, sealTokens(ctx.cipher, row.xUserId, tokens));
      return { kind: "ok", xUserId: row.xUserId, accessToken: tokens.accessToken };
    },
    { maxAttempts: 1 },
  ).catch((error: unknown) => {
    if (error instanceof XOAuthError)
      throw unavailable("x_unavailable", "X could not renew the link right now; try again shortly");
    throw error;
  });
  if (outcome.kind === "not_linked") throw xNotLinked();
  if (outcome.kind === "relink")
    throw conflict(
      "x_relink_required",
      "X no longer accepts this link's grant; sign in with X again to renew it",
    );
  return outcome;
}

/** X refused the link's grant: drop its tokens and tell the user to sign in with X again. */
export async function requireRelink(db: PoolClient, row: XAccountRow): Promise<void> {
  await markRelinkRequired(db, row.xUserId);
  await appendEvent(db, {
    type: "x.relink_required",
    subject: { type: "x_account", id: row.xUserId },
    userId: row.userId,
    payload: { xUserId: row.xUserId, handle: row.handle, name: row.name },
  });
}

export const xNotLinked = () =>
  notFound("x_not_linked", "No X account is linked to your Boon account; link one first");
