import type { Queryable } from "../db/pool.ts";

export async function wasNotified(db: Queryable, key: string): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM notifications_sent WHERE key = $1", [key]);
  return rows.length > 0;
}

export type NotificationRecord = {
  key: string;
  notification: string;
  userId: string | null;
  recipient: string | null;
  subject: string | null;
  outcome: "sent" | "skipped";
};

/** Records a notification as done; false if another process recorded it first. */
export async function recordNotified(db: Queryable, r: NotificationRecord): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO notifications_sent (key, notification, user_id, channel, recipient, subject, outcome)
     VALUES ($1, $2, $3, 'email', $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
    [r.key, r.notification, r.userId, r.recipient, r.subject, r.outcome],
  );
  return rowCount === 1;
}

export async function notificationsSent(db: Queryable, userId: string) {
  const { rows } = await db.query<{ key: string; recipient: string; subject: string }>(
    "SELECT key, recipient, subject FROM notifications_sent WHERE user_id = $1 ORDER BY sent_at",
    [userId],
  );
  return rows;
}
