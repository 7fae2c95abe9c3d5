import type { Queryable } from "../db/pool.ts";

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
  requestId?: string;
};

export type AuditRow = {
  id: bigint;
  at: Date;
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  requestId: string | null;
};

/** Appends one audit row. Pass the transaction's client so the row commits with the change. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, details, request_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actorUserId,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      JSON.stringify(entry.details ?? {}, (_key, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
      entry.requestId ?? null,
    ],
  );
}

/** Audit rows about one subject, oldest first. */
export async function listAudit(
  db: Queryable,
  subjectType: string,
  subjectId: string,
): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, at, actor_user_id AS "actorUserId", action, subject_type AS "subjectType",
            subject_id AS "subjectId", details, request_id AS "requestId"
       FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`,
    [subjectType, subjectId],
  );
  return rows;
}
