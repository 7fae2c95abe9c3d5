import type { Queryable } from "../db/pool.ts";
import type { EventType } from "../events/event-types.ts";
import type { StoredEvent } from "../events/events.repository.ts";
import type { MailMessage } from "../mail/mailer.ts";

/** An email a notification composed for one event, and whose it is. */
export type Composed = { userId: string | null; message: MailMessage };

/**
 * One kind of notification: which events call for it, the key that makes it once-only, and the
 * email it sends. Adding one (a gift received, a withdrawal confirmed) is a new module like
 * purchase-receipt.ts, listed in NOTIFICATIONS (index.ts).
 */
export type Notification = {
  /** Lower-case, `_`-separated: the consumer's name and the key's prefix. */
  name: string;
  types: readonly EventType[];
  /** What is notified once: e.g. the purchase's id. Replays and restarts find it sent. */
  subjectOf(event: StoredEvent): string;
  /**
   * The email to send, read from the database as it is now; `skip` with a reason when there is
   * no one to send it to (nothing to retry).
   */
  compose(
    db: Queryable,
    event: StoredEvent,
  ): Promise<Composed | { skip: string; userId: string | null }>;
};
