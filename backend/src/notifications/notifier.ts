import type { Pool } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/append-event.ts";
import { type Consumer, startConsumer } from "../events/consumer.ts";
import type { StoredEvent } from "../events/events.repository.ts";
import type { EventStream } from "../events/stream.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import {
  clearRetrying,
  type DeadLetter,
  findDeadLetter,
  recordFailedAttempt,
} from "./dead-letters.repository.ts";
import { refreshDeadLetterGauge } from "./dead-letters.service.ts";
import { deliver, notificationKey } from "./deliver.ts";
import type { Notification } from "./notification.ts";
import { wasNotified } from "./notifications.repository.ts";
import { classifySendFailure, type SendFailure } from "./send-failure.ts";

export type NotifierDeps = {
  pool: Pool;
  stream: EventStream;
  logger: Logger;
  mailer: Mailer;
  metrics: Metrics;
};

/** How long a transient failure holds the consumer back before its event is dead-lettered. */
export type RetryPolicy = {
  /** Failed attempts at one event before it is dead-lettered (a permanent failure: the first). */
  maxAttempts: number;
  /** The first wait before retrying; it doubles with each failure in a row, up to maxRetryMs. */
  retryMs: number;
  maxRetryMs: number;
};

/** 1 s, 2 s, ... 60 s: about two minutes of an unreachable mail server before dead letters. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, retryMs: 1_000, maxRetryMs: 60_000 };

type Context = { deps: NotifierDeps; notification: Notification; retry: RetryPolicy; log: Logger };

/**
 * One event consumer per notification (a failing one does not hold the others back), starting at
 * the end of the stream the first time (a new notification does not mail about the past).
 *
 * Once per subject: an email is recorded in notifications_sent after the SMTP server accepted it,
 * and a key found there is never sent again, however often its events are handled (a restart, a
 * replay). A crash between the acceptance and the record sends it once more: at least once, and
 * only that narrow window is "more than once".
 *
 * Failures (send-failure.ts): a transient one throws, and the consumer retries the batch with
 * backoff (the mail server is likely down for everyone); a permanent one, or a transient one
 * past `retry.maxAttempts`, becomes a dead letter and the consumer moves on. Dead letters are
 * retried only by an operator (dead-letters.service.ts).
 */
export function startNotifier(
  deps: NotifierDeps,
  notification: Notification,
  retry: RetryPolicy = DEFAULT_RETRY,
): Consumer {
  const log = deps.logger.child({ component: "notifier", notification: notification.name });
  const context: Context = { deps, notification, retry, log };
  refreshDeadLetterGauge(deps).catch((error: unknown) =>
    log.warn({ err: error }, "could not count open dead letters"),
  );
  return startConsumer({
    name: `notify.${notification.name}`,
    pool: deps.pool,
    stream: deps.stream,
    logger: deps.logger,
    types: notification.types,
    startAt: "end",
    retryMs: retry.retryMs,
    maxRetryMs: retry.maxRetryMs,
    async handle(batch) {
      for (const event of batch) await notifyOnce(context, event);
    },
  });
}

async function notifyOnce(context: Context, event: StoredEvent): Promise<void> {
  const { deps, notification, log } = context;
  const key = notificationKey(notification, event);
  if (await wasNotified(deps.pool, key)) return;
  // A dead letter is retried by an operator, never here (nor by a replay).
  const failed = (await findDeadLetter(deps.pool, { key }))?.status;
  if (failed !== undefined && failed !== "retrying") return;
  let delivered: Awaited<ReturnType<typeof deliver>>;
  try {
    delivered = await deliver(deps.pool, deps.mailer, notification, event);
  } catch (error) {
    return onFailure(context, event, key, error);
  }
  if (failed) await clearRetrying(deps.pool, key);
  deps.metrics.notifications.inc({ notification: notification.name, outcome: delivered.outcome });
  if (delivered.skipReason) log.info({ key, reason: delivered.skipReason }, "notification skipped");
  else log.info({ key }, "notification sent");
}

/**
 * Counts the failed attempt. Throws (the consumer retries the batch, backing off) while a transient
 * failure is under the cap; otherwise the event is dead-lettered and this returns: the next one goes.
 */
async function onFailure(
  context: Context,
  event: StoredEvent,
  key: string,
  error: unknown,
): Promise<void> {
  const { deps, log } = context;
  const failure = classifySendFailure(error);
  const letter = await withTransaction(deps.pool, async (tx) => {
    const row = await recordFailedAttempt(tx, {
      key,
      notification: context.notification.name,
      eventSeq: event.position.seq,
      userId: event.userId,
      reason: failure.reason,
      permanent: failure.permanent,
      maxAttempts: context.retry.maxAttempts,
    });
    if (row?.status === "open") await appendDeadLettered(tx, row, failure);
    return row;
  });
  if (letter?.status === "retrying") {
    log.warn({ key, attempts: letter.attempts, reason: failure.reason }, "notification failed");
    throw error;
  }
  if (!letter) return; // dead-lettered or resolved by another process meanwhile
  deps.metrics.notifications.inc({ notification: letter.notification, outcome: "dead_lettered" });
  log.error(
    { key, deadLetterId: letter.id, attempts: letter.attempts, ...failure },
    "notification dead-lettered",
  );
  await refreshDeadLetterGauge(deps);
}

function appendDeadLettered(
  tx: Parameters<typeof appendEvent>[0],
  letter: DeadLetter,
  failure: SendFailure,
) {
  return appendEvent(tx, {
    type: "notification.dead_lettered",
    subject: { type: "notification_dead_letter", id: letter.id },
    userId: null,
    payload: {
      deadLetterId: letter.id,
      notification: letter.notification,
      key: letter.key,
      eventSeq: letter.eventSeq,
      userId: letter.userId,
      reason: letter.reason,
      attempts: letter.attempts,
      permanent: failure.permanent,
    },
  });
}
