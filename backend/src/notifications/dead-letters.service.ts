import { recordAudit } from "../audit/audit.repository.ts";
import type { Pool, PoolClient, Queryable } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { conflict, notFound, unavailable, unprocessable } from "../errors.ts";
import { appendEvent } from "../events/append-event.ts";
import { readEventBySeq } from "../events/events.repository.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { Metrics } from "../ops/metrics.ts";
import {
  countOpenDeadLetters,
  type DeadLetter,
  findDeadLetter,
  recordRetry,
} from "./dead-letters.repository.ts";
import { deliver } from "./deliver.ts";
import type { Notification } from "./notification.ts";
import { wasNotified } from "./notifications.repository.ts";
import { classifySendFailure } from "./send-failure.ts";

export type DeadLetterDeps = {
  pool: Pool;
  mailer: Mailer;
  metrics: Metrics;
  /** Every notification Boon sends (index.ts): a dead letter is composed again by its own. */
  notifications: Notification[];
};

type Attempt =
  | { outcome: "sent" | "skipped" | "already_sent" }
  | { outcome: "failed"; permanent: boolean; reason: string };

/** Sets the open dead letters gauge from the table (every process's dead letters). */
export async function refreshDeadLetterGauge(deps: { pool: Pool; metrics: Metrics }) {
  const counts = await countOpenDeadLetters(deps.pool);
  deps.metrics.notificationDeadLettersOpen.reset();
  for (const { notification, open } of counts)
    deps.metrics.notificationDeadLettersOpen.set({ notification }, open);
}

/**
 * An operator's retry of an open dead letter: sends it once (not if notifications_sent has its key),
 * records the outcome on the row, audited, with a `notification.retried` event. The row stays locked
 * through the send, so two retries at once send once. 404 unknown, 409 not open or already sent;
 * a send that fails again leaves it open (503 transient, 422 permanent).
 */
export async function retryDeadLetter(
  deps: DeadLetterDeps,
  input: { id: string; actorUserId: string; requestId?: string },
): Promise<DeadLetter> {
  // One attempt: a send is a side effect outside the database, never repeated by a retry.
  const { letter, attempt, updated } = await withTransaction(
    deps.pool,
    async (tx) => {
      // Locked through the send: two retries at once send once.
      const letter = await findDeadLetter(tx, { id: input.id }, true);
      if (!letter) throw notFound("dead_letter_not_found", "No dead letter with this id");
      if (letter.status !== "open") throw notOpen(letter);
      const attempt = await resend(tx, deps, letter);
      const updated = await recordOutcome(tx, letter, attempt, input);
      return { letter, attempt, updated };
    },
    { maxAttempts: 1 },
  );
  if (attempt.outcome === "sent")
    deps.metrics.notifications.inc({ notification: letter.notification, outcome: "retried" });
  await refreshDeadLetterGauge(deps);
  if (attempt.outcome === "already_sent")
    throw conflict("already_sent", "This notification was already sent; nothing was sent again");
  if (attempt.outcome === "failed") {
    const message = `The notification could not be sent: ${attempt.reason}`;
    throw attempt.permanent
      ? unprocessable("notification_refused", message)
      : unavailable("notification_send_failed", message);
  }
  return updated;
}

function notOpen(letter: DeadLetter) {
  return letter.status === "retrying"
    ? conflict("dead_letter_not_open", "Its consumer is still retrying this notification")
    : conflict("already_retried", `This dead letter was already retried (${letter.status})`);
}

async function resend(tx: Queryable, deps: DeadLetterDeps, letter: DeadLetter): Promise<Attempt> {
  if (await wasNotified(tx, letter.key)) return { outcome: "already_sent" };
  const notification = deps.notifications.find((n) => n.name === letter.notification);
  const event = await readEventBySeq(tx, BigInt(letter.eventSeq));
  if (!notification || !event)
    return { outcome: "failed", permanent: true, reason: "its notification no longer exists" };
  try {
    return { outcome: (await deliver(tx, deps.mailer, notification, event)).outcome };
  } catch (error) {
    return { outcome: "failed", ...classifySendFailure(error) };
  }
}

async function recordOutcome(
  tx: PoolClient,
  letter: DeadLetter,
  attempt: Attempt,
  input: { id: string; actorUserId: string; requestId?: string },
): Promise<DeadLetter> {
  const reason = attempt.outcome === "failed" ? attempt.reason : undefined;
  const settled = attempt.outcome === "skipped" ? "skipped" : "sent";
  const updated = await recordRetry(
    tx,
    letter.id,
    reason === undefined ? { settled, by: input.actorUserId } : { failedWith: reason },
  );
  const details = { notification: letter.notification, key: letter.key, outcome: attempt.outcome };
  await recordAudit(tx, {
    actorUserId: input.actorUserId,
    action: "notification.retried",
    subjectType: "notification_dead_letter",
    subjectId: letter.id,
    details: { ...details, ...(reason ? { reason } : {}) },
    ...(input.requestId ? { requestId: input.requestId } : {}),
  });
  await appendEvent(tx, {
    type: "notification.retried",
    subject: { type: "notification_dead_letter", id: letter.id },
    userId: null,
    payload: { deadLetterId: letter.id, ...details, ...(reason ? { reason } : {}) },
  });
  return updated;
}
