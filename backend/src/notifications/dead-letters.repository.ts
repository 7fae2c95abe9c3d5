import type { Queryable } from "../db/pool.ts";

export type DeadLetterStatus = "retrying" | "open" | "sent" | "skipped";

/** A row of notification_dead_letters (migrations/0032_notification_dead_letters.sql). */
export type DeadLetter = {
  id: string;
  key: string;
  notification: string;
  /** The event's seq (a bigint, as a string). */
  eventSeq: string;
  userId: string | null;
  status: DeadLetterStatus;
  reason: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  retriedAt: Date | null;
  retriedBy: string | null;
};

const COLUMNS = `id, key, notification, event_seq::text AS "eventSeq", user_id AS "userId", status,
  reason, attempts, first_failed_at AS "firstFailedAt", last_failed_at AS "lastFailedAt",
  retried_at AS "retriedAt", retried_by AS "retriedBy"`;

export type FailedAttempt = {
  key: string;
  notification: string;
  eventSeq: bigint;
  userId: string | null;
  reason: string;
  /** Dead-letter at once; otherwise only when this attempt reaches `maxAttempts`. */
  permanent: boolean;
  maxAttempts: number;
};

/**
 * Counts a failed attempt at a key: `retrying` while the consumer should try again, `open` (a dead
 * letter) when the failure is permanent or the attempts reach the cap. Undefined when the key's row
 * is no longer `retrying` (dead-lettered or resolved meanwhile): nothing to count.
 */
export async function recordFailedAttempt(
  db: Queryable,
  a: FailedAttempt,
): Promise<DeadLetter | undefined> {
  const { rows } = await db.query<DeadLetter>(
    `INSERT INTO notification_dead_letters AS d
       (key, notification, event_seq, user_id, reason, attempts, status)
     VALUES ($1, $2, $3, $4, $5, 1, CASE WHEN $6 OR 1 >= $7 THEN 'open' ELSE 'retrying' END)
     ON CONFLICT (key) DO UPDATE SET
       attempts = d.attempts + 1, reason = $5, last_failed_at = now(),
       status = CASE WHEN $6 OR d.attempts + 1 >= $7 THEN 'open' ELSE 'retrying' END
       WHERE d.status = 'retrying'
     RETURNING ${COLUMNS}`,
    [a.key, a.notification, a.eventSeq.toString(), a.userId, a.reason, a.permanent, a.maxAttempts],
  );
  return rows[0];
}

/** A transient failure that was then sent leaves no dead letter. */
export async function clearRetrying(db: Queryable, key: string): Promise<void> {
  await db.query("DELETE FROM notification_dead_letters WHERE key = $1 AND status = 'retrying'", [
    key,
  ]);
}

/** Newest failures first; every status unless one is asked for. */
export async function listDeadLetters(
  db: Queryable,
  options: { status?: DeadLetterStatus; limit: number },
): Promise<DeadLetter[]> {
  const { rows } = await db.query<DeadLetter>(
    `SELECT ${COLUMNS} FROM notification_dead_letters
      WHERE $1::text IS NULL OR status = $1 ORDER BY first_failed_at DESC, id LIMIT $2`,
    [options.status ?? null, options.limit],
  );
  return rows;
}

/** The row with this id or key; `lock` holds it until the transaction ends (a retry's send). */
export async function findDeadLetter(
  db: Queryable,
  by: { id: string } | { key: string },
  lock = false,
): Promise<DeadLetter | undefined> {
  const [column, value] = "id" in by ? ["id", by.id] : ["key", by.key];
  const { rows } = await db.query<DeadLetter>(
    `SELECT ${COLUMNS} FROM notification_dead_letters WHERE ${column} = $1${lock ? " FOR UPDATE" : ""}`,
    [value],
  );
  return rows[0];
}

/**
 * Records an operator's retry of an open dead letter: settled by them (`sent`, now or before, or
 * `skipped`: no one to send to), or failed again (it stays open, with one more attempt).
 * Returns the row as updated.
 */
export async function recordRetry(
  db: Queryable,
  id: string,
  result: { settled: "sent" | "skipped"; by: string } | { failedWith: string },
): Promise<DeadLetter> {
  const { rows } =
    "failedWith" in result
      ? await db.query<DeadLetter>(
          `UPDATE notification_dead_letters
              SET attempts = attempts + 1, reason = $2, last_failed_at = now() WHERE id = $1
           RETURNING ${COLUMNS}`,
          [id, result.failedWith],
        )
      : await db.query<DeadLetter>(
          `UPDATE notification_dead_letters SET status = $2, retried_at = now(), retried_by = $3
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, result.settled, result.by],
        );
  return rows[0] as DeadLetter;
}

/** Open dead letters per notification (those with none are absent). */
export async function countOpenDeadLetters(
  db: Queryable,
): Promise<{ notification: string; open: number }[]> {
  const { rows } = await db.query<{ notification: string; open: number }>(
    `SELECT notification, count(*)::int AS open FROM notification_dead_letters
      WHERE status = 'open' GROUP BY notification`,
  );
  return rows;
}
