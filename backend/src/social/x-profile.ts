// Keeping a linked account's handle and name current. The link is keyed by X's id, which never
// changes; the handle is only for display and can change at any time. Whenever X describes a linked
// account (sign-in, a lookup by handle or post, a profile sync) the new handle is stored, the old
// one kept in x_handle_history, and an `x.handle_changed` event tells the user.
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/append-event.ts";
import type { SocialContext } from "./social-context.ts";
import { findXAccountOfUser, recordProfile } from "./x-accounts.repository.ts";
import { XUnauthorizedError, type XUser } from "./x-api.ts";
import { freshAccessToken, requireRelink } from "./x-tokens.ts";

/** Stores what X says an account is called now; writes the event when it changed. */
export async function recordProfileChange(db: PoolClient, user: XUser): Promise<void> {
  const changed = await recordProfile(db, {
    xUserId: user.id,
    handle: user.username,
    name: user.name,
  });
  if (!changed) return;
  await appendEvent(db, {
    type: "x.handle_changed",
    subject: { type: "x_account", id: user.id },
    userId: changed.linkedTo,
    payload: {
      xUserId: user.id,
      handle: user.username,
      name: user.name,
      previousHandle: changed.from.handle,
      previousName: changed.from.name,
    },
  });
}

/** For lookups: never fails the lookup (a write problem is logged). */
export async function recordSeenProfile(
  ctx: Pick<SocialContext, "pool" | "logger">,
  user: XUser,
): Promise<void> {
  await withTransaction(ctx.pool, (db) => recordProfileChange(db, user)).catch((error: unknown) => {
    ctx.logger.warn({ err: error, xUserId: user.id }, "recording an X profile failed");
  });
}

/**
 * Asks X (with the user's own token, refreshed if needed) what the linked account is called now.
 * A token X refuses although it is fresh means the user revoked Boon's access at X: the link then
 * needs signing in with X again. Other failures leave the stored profile as it is.
 */
export async function syncProfile(ctx: SocialContext, userId: string): Promise<void> {
  try {
    const { accessToken } = await freshAccessToken(ctx, userId);
    const me = await ctx.api.me(accessToken);
    await recordSeenProfile(ctx, me);
  } catch (error) {
    if (error instanceof XUnauthorizedError) await revokedAtX(ctx, userId);
    else ctx.logger.info({ err: error, userId }, "X profile sync skipped");
  }
}

async function revokedAtX(ctx: SocialContext, userId: string): Promise<void> {
  await withTransaction(ctx.pool, async (db) => {
    const row = await findXAccountOfUser(db, userId, { lock: true });
    if (!row || row.relinkRequiredAt) return;
    await requireRelink(db, row);
  });
}
