import type { Queryable } from "../db/pool.ts";
import type { StoredEvent } from "../events/events.repository.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Notification } from "./notification.ts";
import { recordNotified } from "./notifications.repository.ts";
import { ComposeError } from "./send-failure.ts";

/** What is sent once: `<notification>:<subject>`, the key of notifications_sent. */
export function notificationKey(notification: Notification, event: StoredEvent): string {
  return `${notification.name}:${notification.subjectOf(event)}`;
}

export type Delivered = {
  outcome: "sent" | "skipped";
  userId: string | null;
  /** Why nothing was sent (`skipped`). */
  skipReason?: string;
};

/**
 * Composes the notification's email for the event, sends it and records it in notifications_sent
 * (or records it skipped when there is no one to send it to). Throws when it could not go: a
 * ComposeError when composing failed, else the mailer's error. The caller checked the key first.
 */
export async function deliver(
  db: Queryable,
  mailer: Mailer,
  notification: Notification,
  event: StoredEvent,
): Promise<Delivered> {
  const key = notificationKey(notification, event);
  const composed = await notification.compose(db, event).catch((error: unknown) => {
    throw new ComposeError(error);
  });
  const base = { key, notification: notification.name, userId: composed.userId };
  if ("skip" in composed) {
    await recordNotified(db, { ...base, recipient: null, subject: null, outcome: "skipped" });
    return { outcome: "skipped", userId: composed.userId, skipReason: composed.skip };
  }
  await mailer.send(composed.message);
  const { to, subject } = composed.message;
  await recordNotified(db, { ...base, recipient: to, subject, outcome: "sent" });
  return { outcome: "sent", userId: composed.userId };
}
