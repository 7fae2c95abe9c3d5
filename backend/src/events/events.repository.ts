import type { Queryable } from "../db/pool.ts";
import type { EventType, SubjectType } from "./event-types.ts";

/** A place in the stream: events are ordered by (xid, seq); see migrations/0011_events.sql.
 * (Queries order by `events.xid`: the bare name would pick the text alias of the output.) */
export type Position = { xid: bigint; seq: bigint };
export const START: Position = { xid: 0n, seq: 0n };

export type StoredEvent = {
  /** Stream position of this event; a consumer's cursor after handling it. */
  position: Position;
  type: EventType;
  subject: { type: SubjectType; id: string };
  userId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  dedupeKey: string | null;
};

export type NewEventRow = {
  type: EventType;
  subjectType: SubjectType;
  subjectId: string;
  userId: string | null;
  payload: unknown;
  occurredAt: Date | undefined;
  dedupeKey: string | undefined;
};

/** Inserts one event; undefined when its dedupe key was already recorded. */
export async function insertEvent(db: Queryable, e: NewEventRow): Promise<Position | undefined> {
  const { rows } = await db.query<{ xid: string; seq: bigint }>({
    name: "events_insert",
    text: `INSERT INTO events (type, subject_type, subject_id, user_id, payload, occurred_at, dedupe_key)
           VALUES ($1, $2, $3, $4, $5, coalesce($6, now()), $7)
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING xid::text AS xid, seq`,
    values: [
      e.type,
      e.subjectType,
      e.subjectId,
      e.userId,
      JSON.stringify(e.payload),
      e.occurredAt ?? null,
      e.dedupeKey ?? null,
    ],
  });
  const row = rows[0];
  return row && { xid: BigInt(row.xid), seq: row.seq };
}

type EventRow = {
  xid: string;
  seq: bigint;
  type: EventType;
  subject_type: SubjectType;
  subject_id: string;
  user_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  dedupe_key: string | null;
};

/**
 * Events after `after`, in stream order, among those no running transaction can still add to:
 * rows of transactions older than the oldest one in progress. `types` narrows to some types.
 */
export async function readEventsAfter(
  db: Queryable,
  after: Position,
  options: { limit: number; userId?: string },
): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>({
    name: "events_read_after",
    text: `SELECT xid::text AS xid, seq, type, subject_type, subject_id, user_id, payload, occurred_at, dedupe_key
             FROM events
            WHERE (xid, seq) > ($1::xid8, $2::bigint)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())
              AND ($4::uuid IS NULL OR user_id = $4::uuid)
            ORDER BY events.xid, events.seq
            LIMIT $3`,
    values: [after.xid.toString(), after.seq.toString(), options.limit, options.userId ?? null],
  });
  return rows.map(fromEventRow);
}

const EVENT_COLUMNS =
  "xid::text AS xid, seq, type, subject_type, subject_id, user_id, payload, occurred_at, dedupe_key";

function fromEventRow(row: EventRow): StoredEvent {
  return {
    position: { xid: BigInt(row.xid), seq: row.seq },
    type: row.type,
    subject: { type: row.subject_type, id: row.subject_id },
    userId: row.user_id,
    payload: row.payload,
    occurredAt: row.occurred_at,
    dedupeKey: row.dedupe_key,
  };
}

/**
 * Whether events after `after` are committed but not readable yet: their transaction is newer than
 * one still running. The reader should look again shortly rather than wait for the next signal.
 */
export async function hasHeldBackEvents(db: Queryable, after: Position): Promise<boolean> {
  const { rows } = await db.query<{ held: boolean }>({
    name: "events_held_back",
    text: `SELECT EXISTS (SELECT 1 FROM events
              WHERE (xid, seq) > ($1::xid8, $2::bigint)
                AND xid >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
    values: [after.xid.toString(), after.seq.toString()],
  });
  return rows[0]?.held ?? false;
}

/**
 * Takes (or renews) the lease on a consumer for `owner` until `leaseSeconds` from now, creating the
 * consumer at the start of the stream if new. Returns its position, or undefined while another
 * owner's lease runs.
 */
export async function leaseConsumer(
  db: Queryable,
  name: string,
  owner: string,
  leaseSeconds: number,
): Promise<Position | undefined> {
  const { rows } = await db.query<{ xid: string; seq: bigint }>(
    `INSERT INTO event_consumers AS c (name, owner, lease_until)
     VALUES ($1, $2, now() + make_interval(secs => $3))
     ON CONFLICT (name) DO UPDATE SET owner = $2, lease_until = now() + make_interval(secs => $3)
       WHERE c.owner IS NULL OR c.owner = $2 OR c.lease_until < now()
     RETURNING position_xid::text AS xid, position_seq AS seq`,
    [name, owner, leaseSeconds],
  );
  const row = rows[0];
  return row && { xid: BigInt(row.xid), seq: row.seq };
}

/** Moves a consumer's position forward, if `owner` still holds it; false when it lost the lease. */
export async function advanceConsumer(
  db: Queryable,
  name: string,
  owner: string,
  to: Position,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE event_consumers SET position_xid = $3::xid8, position_seq = $4, updated_at = now()
      WHERE name = $1 AND owner = $2`,
    [name, owner, to.xid.toString(), to.seq.toString()],
  );
  return rowCount === 1;
}

/** Gives the lease up (a clean stop), so another process may take the consumer at once. */
export async function releaseConsumer(db: Queryable, name: string, owner: string): Promise<void> {
  await db.query(
    "UPDATE event_consumers SET owner = NULL, lease_until = NULL WHERE name = $1 AND owner = $2",
    [name, owner],
  );
}

/** Creates a consumer at `position` unless it exists (then its own position stands). */
export async function createConsumerAt(db: Queryable, name: string, position: Position) {
  await db.query(
    `INSERT INTO event_consumers (name, position_xid, position_seq) VALUES ($1, $2::xid8, $3)
     ON CONFLICT (name) DO NOTHING`,
    [name, position.xid.toString(), position.seq.toString()],
  );
}

/** Puts a consumer back at the start of the stream: it handles every event again (a replay). */
export async function resetConsumer(db: Queryable, name: string): Promise<void> {
  await db.query(
    `INSERT INTO event_consumers (name) VALUES ($1)
     ON CONFLICT (name) DO UPDATE SET position_xid = '0', position_seq = 0, updated_at = now()`,
    [name],
  );
}

/** The newest event visible now (committed), by stream order. */
export async function lastCommittedPosition(db: Queryable): Promise<Position | undefined> {
  const { rows } = await db.query<{ xid: string; seq: bigint }>(
    "SELECT xid::text AS xid, seq FROM events ORDER BY events.xid DESC, events.seq DESC LIMIT 1",
  );
  const row = rows[0];
  return row && { xid: BigInt(row.xid), seq: row.seq };
}

/** The events about one subject (of these types), oldest first. */
export async function readSubjectEvents(
  db: Queryable,
  subject: { type: SubjectType; id: string },
  types: readonly EventType[],
): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE subject_type = $1 AND subject_id = $2 AND type = ANY($3::text[])
      ORDER BY seq`,
    [subject.type, subject.id, types],
  );
  return rows.map(fromEventRow);
}

/** One event by its sequence number (a dead letter's event, say). */
export async function readEventBySeq(db: Queryable, seq: bigint): Promise<StoredEvent | undefined> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE seq = $1`, [
    seq.toString(),
  ]);
  return rows[0] && fromEventRow(rows[0]);
}
