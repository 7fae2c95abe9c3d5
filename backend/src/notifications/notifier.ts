import type { Pool } from "../db/pool.ts";
import { type Consumer, startConsumer } from "../events/consumer.ts";
import type { StoredEvent } from "../events/events.repository.ts";
import type { EventStream } from "../events/stream.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Logger } from "../ops/logger.ts";
import type { Notification } from "./notification.ts";
import { recordNotified, wasNotified } from "./notifications.repository.ts";

export type NotifierDeps = { pool: Pool; stream: EventStream; logger: Logger; mailer: Mailer };

/**
 * One event consumer per notification (a failing one does not hold the others back), starting at
 * the end of the stream the first time (a new notification does not mail about the past).
 *
 * Once per subject: an email is recorded in notifications_sent after the SMTP server accepted it,
 * and a key found there is never sent again, however often its events are handled (a restart, a
 * replay). A crash between the acceptance and the record sends it once more: at least once, and
 * only that narrow window is "more than once". An SMTP failure throws, and the batch is retried.
 */
export function startNotifier(deps: NotifierDeps, notification: Notification): Consumer {
  const log = deps.logger.child({ component: "notifier", notification: notification.name });
  return startConsumer({
    name: `notify.${notification.name}`,
    pool: deps.pool,
    stream: deps.stream,
    logger: deps.logger,
    types: notification.types,
    startAt: "end",
    async handle(batch) {
      for (const event of batch) await notifyOnce(deps, notification, event, log);
    },
  });
}

async function notifyOnce(
  deps: NotifierDeps,
  notification: Notification,
  event: StoredEvent,
  log: Logger,
): Promise<void> {
  const key = `${notification.name}:${notification.subjectOf(event)}`;
  if (await wasNotified(deps.pool, key)) return;
  const composed = await notification.compose(deps.pool, event);
  const base = { key, notification: notification.name, userId: composed.userId };
  if ("skip" in composed) {
    await recordNotified(deps.pool, {
      ...base,
      recipient: null,
      subject: null,
      outcome: "skipped",
    });
    log.info({ key, reason: composed.skip }, "notification skipped");
    return;
  }
  await deps.mailer.send(composed.message);
  const { to, subject } = composed.message;
  await recordNotified(deps.pool, { ...base, recipient: to, subject, outcome: "sent" });
  log.info({ key }, "notification sent");
}
