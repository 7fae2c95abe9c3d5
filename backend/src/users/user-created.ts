import { recordAudit } from "../audit/audit.repository.ts";
import type { PoolClient } from "../db/pool.ts";
import { appendEvent } from "../events/append-event.ts";

/**
 * A new account, however it signed in first: audited (with what identified it) and announced as
 * `user.created`, in the transaction that created it.
 */
export async function recordUserCreated(
  db: PoolClient,
  userId: string,
  via: "siwe" | "email" | "x",
  requestId: string | undefined,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, {
    actorUserId: userId,
    action: "user.created",
    subjectType: "user",
    subjectId: userId,
    details: { via, ...details },
    ...(requestId === undefined ? {} : { requestId }),
  });
  await appendEvent(db, {
    type: "user.created",
    subject: { type: "user", id: userId },
    userId,
    payload: { via },
  });
}
