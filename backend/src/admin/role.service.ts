import { recordAudit } from "../audit/audit.repository.ts";
import type { Role } from "../auth/roles.ts";
import type { Pool } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/append-event.ts";
import { setUserRole, upsertUserByEmail } from "../users/user.repository.ts";

/**
 * Operator bootstrap (the first admin has nobody to promote them): gives the account with this
 * email the role, creating it if needed, and audits the change with no actor.
 */
export async function grantRoleByEmail(
  pool: Pool,
  email: string,
  role: Role,
): Promise<{ userId: string; previous: Role }> {
  return withTransaction(pool, async (db) => {
    const user = await upsertUserByEmail(db, email);
    const previous = (await setUserRole(db, user.id, role)) as Role;
    await recordAudit(db, {
      actorUserId: null,
      action: "user.role_changed",
      subjectType: "user",
      subjectId: user.id,
      details: { from: previous, to: role, via: "cli" },
    });
    if (user.created) {
      await appendEvent(db, {
        type: "user.created",
        subject: { type: "user", id: user.id },
        userId: user.id,
        payload: { via: "cli" },
      });
    }
    await appendEvent(db, {
      type: "user.role_changed",
      subject: { type: "user", id: user.id },
      userId: user.id,
      payload: { from: previous, to: role, via: "cli" },
    });
    return { userId: user.id, previous };
  });
}
