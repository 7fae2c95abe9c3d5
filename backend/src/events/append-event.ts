import { EventEmitter } from "node:events";
import type { PoolClient } from "../db/pool.ts";
import { onCommit } from "../db/transaction.ts";
import {
  type EventPayload,
  type EventType,
  eventSchemas,
  type SubjectType,
} from "./event-types.ts";
import { insertEvent, type Position } from "./events.repository.ts";

export type NewEvent<T extends EventType> = {
  type: T;
  subject: { type: SubjectType; id: string };
  /** The user the event belongs to (who may see it); null for system facts. */
  userId: string | null;
  payload: EventPayload<T>;
  /** When it happened, if not now (e.g. a block's time). */
  occurredAt?: Date;
  /** Facts read from outside (the chain): the same key is recorded once. */
  dedupeKey?: string;
};

/**
 * Process-wide signal: some transaction of this process committed events. The event stream of the
 * process (events/stream.ts) wakes its consumers and tells other processes. A process without a
 * stream (a CLI) loses nothing: consumers elsewhere also poll.
 */
export const eventsCommitted = new EventEmitter();
eventsCommitted.setMaxListeners(0);

/**
 * Records a domain event inside the transaction of the change it reports (a `withTransaction`
 * client), so the event exists if and only if the change commits. The payload is checked against
 * its type's schema. Returns the position, or undefined when the dedupe key was seen before.
 */
export async function appendEvent<T extends EventType>(
  tx: PoolClient,
  event: NewEvent<T>,
): Promise<Position | undefined> {
  const parsed = eventSchemas[event.type].safeParse(event.payload);
  // A wrong payload is our bug, never the client's: a plain error (500), not a ZodError (400).
  if (!parsed.success) {
    throw new Error(
      `event ${event.type}: payload does not match its schema: ${parsed.error.message}`,
    );
  }
  const payload = parsed.data;
  const position = await insertEvent(tx, {
    type: event.type,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    userId: event.userId,
    payload,
    occurredAt: event.occurredAt,
    dedupeKey: event.dedupeKey,
  });
  // One signal per transaction, carrying its last event's position.
  if (position) onCommit(tx, "events", () => eventsCommitted.emit("committed", position));
  return position;
}
