import { recordAudit } from "../audit/audit.repository.ts";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/append-event.ts";
import type { SocialContext } from "./social-context.ts";
import { deleteXAccount, findXAccountOfUser, type XAccountRow } from "./x-accounts.repository.ts";
import { syncProfile } from "./x-profile.ts";
import { openToken, xNotLinked } from "./x-tokens.ts";

/** The linked account as the user sees it (no tokens). */
export function linkedAccountView(row: XAccountRow) {
  return {
    xUserId: row.xUserId,
    handle: row.handle,
    name: row.name,
    socialId: row.socialId,
    profileUrl: `https://x.com/${row.handle}`,
    status: row.relinkRequiredAt ? ("relink_required" as const) : ("active" as const),
    handleSeenAt: row.handleSeenAt.toISOString(),
    linkedAt: row.linkedAt.toISOString(),
  };
}
export type LinkedAccountView = ReturnType<typeof linkedAccountView>;

/**
 * The user's linked X account. When X last described it more than X_PROFILE_SYNC_SECONDS ago, X is
 * asked first (with the user's token), so a renamed handle shows up within a day.
 */
export async function linkedAccount(
  ctx: SocialContext,
  userId: string,
): Promise<LinkedAccountView> {
  const row = await findXAccountOfUser(ctx.pool, userId);
  if (!row) throw xNotLinked();
  const staleBefore = Date.now() - ctx.config.social.x.profileSyncSeconds * 1000;
  if (row.relinkRequiredAt || row.handleSeenAt.getTime() > staleBefore)
    return linkedAccountView(row);
  await syncProfile(ctx, userId);
  const synced = await findXAccountOfUser(ctx.pool, userId);
  if (!synced) throw xNotLinked();
  return linkedAccountView(synced);
}

/**
 * Unlinks the user's X account (audited, with an event); the X account can then be linked to
 * another Boon account. The grant is revoked at X afterwards, best effort.
 */
export async function unlinkX(
  ctx: SocialContext,
  userId: string,
  requestId: string | undefined,
): Promise<LinkedAccountView> {
  const row = await withTransaction(ctx.pool, async (db) => {
    const deleted = await deleteXAccount(db, userId);
    if (!deleted) return undefined;
    await recordAudit(db, {
      actorUserId: userId,
      action: "x.unlinked",
      subjectType: "x_account",
      subjectId: deleted.xUserId,
      details: { handle: deleted.handle },
      ...(requestId ? { requestId } : {}),
    });
    await appendEvent(db, {
      type: "x.unlinked",
      subject: { type: "x_account", id: deleted.xUserId },
      userId,
      payload: { xUserId: deleted.xUserId, handle: deleted.handle, name: deleted.name },
    });
    return deleted;
  });
  if (!row) throw xNotLinked();
  const token = openToken(ctx.cipher, row, "refresh") ?? openToken(ctx.cipher, row, "access");
  if (token)
    await ctx.oauth.revoke(token).catch((error: unknown) => {
      ctx.logger.info(
        { err: error },
        "revoking the unlinked X grant failed (it expires by itself)",
      );
    });
  return linkedAccountView(row);
}
