import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import type { Logger } from "../ops/logger.ts";
import type { EventType } from "./event-types.ts";
import {
  advanceConsumer,
  createConsumerAt,
  hasHeldBackEvents,
  lastCommittedPosition as lastCommitted,
  leaseConsumer,
  type Position,
  readEventsAfter,
  releaseConsumer,
  START,
  type StoredEvent,
} from "./events.repository.ts";
import type { EventStream } from "./stream.ts";

export type { StoredEvent } from "./events.repository.ts";

type ConsumerBase = {
  /** Unique per consumer; its position is stored under this name. */
  name: string;
  pool: Pool;
  stream: EventStream;
  logger: Logger;
  /** Only these types reach the handler (default: every event); the position moves past the rest. */
  types?: readonly EventType[];
  /** Events per batch (default 100). */
  batchSize?: number;
  /** How long a process holds the consumer without renewing (default 30 s). */
  leaseSeconds?: number;
  /** Wait after a failed batch before retrying it (default 1000 ms); doubles with each failure in a row. */
  retryMs?: number;
  /** The longest wait between retries of a batch that keeps failing (default 60 s). */
  maxRetryMs?: number;
  /**
   * Where a consumer seen for the first time starts: the beginning of the stream (default; a
   * projection rebuilds everything) or its end (a notifier must not mail about the past).
   */
  startAt?: "beginning" | "end";
};

export type ConsumerOptions = ConsumerBase & {
  /**
   * Handles events in stream order. Delivery is at least once: a batch is handled again if the
   * process dies (or loses its lease) before its position is stored, so `handle` must be idempotent
   * (key side effects on the event's position or dedupe key). A throw retries the same batch.
   */
  handle(batch: StoredEvent[]): Promise<void>;
};

export type ProjectionOptions = ConsumerBase & {
  /**
   * Applies a batch to tables in the same transaction that advances the position: each event is
   * applied exactly once, as far as the database can see. Keep it to database work.
   */
  apply(tx: PoolClient, batch: StoredEvent[]): Promise<void>;
};

export type Consumer = {
  readonly name: string;
  /** Resolves once every event committed before the call has been handled (for tests and tools). */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Follows the event stream from the consumer's stored position (the start, for a new name), batch
 * by batch, after commit, in the one order every consumer sees. One process at a time runs a given
 * name (a lease on its row); others wait and take over if it stops or dies. Replay: stop it,
 * `resetConsumer(pool, name)`, start it again.
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  return runConsumer(options, async (owner, after) => {
    const batch = await read(options.pool, after, options);
    if (batch.length === 0) return undefined;
    const wanted = matching(batch, options.types);
    if (wanted.length > 0) await options.handle(wanted);
    return advance(options.pool, options.name, owner, batch);
  });
}

/** A consumer whose effects and position commit together: see `ProjectionOptions.apply`. */
export function startProjection(options: ProjectionOptions): Consumer {
  return runConsumer(options, (owner) =>
    withTransaction(options.pool, async (tx) => {
      const after = await leaseConsumer(tx, options.name, owner, leaseSeconds(options));
      if (!after) return undefined;
      const batch = await read(tx, after, options);
      if (batch.length === 0) return undefined;
      const wanted = matching(batch, options.types);
      if (wanted.length > 0) await options.apply(tx, wanted);
      return advance(tx, options.name, owner, batch);
    }),
  );
}

/** How soon to look again when committed events wait behind an older running transaction. */
const HELD_BACK_RETRY_MS = 25;

const leaseSeconds = (options: ConsumerBase) => options.leaseSeconds ?? 30;

function read(db: Pool | PoolClient, after: Position, options: ConsumerBase) {
  return readEventsAfter(db, after, { limit: options.batchSize ?? 100 });
}

function matching(batch: StoredEvent[], types: readonly EventType[] | undefined): StoredEvent[] {
  return types ? batch.filter((event) => types.includes(event.type)) : batch;
}

/** Stores the batch's last position; undefined when the lease was lost (the batch may repeat). */
async function advance(
  db: Pool | PoolClient,
  name: string,
  owner: string,
  batch: StoredEvent[],
): Promise<Position | undefined> {
  const last = (batch.at(-1) as StoredEvent).position;
  return (await advanceConsumer(db, name, owner, last)) ? last : undefined;
}

const before = (a: Position, b: Position) => a.xid < b.xid || (a.xid === b.xid && a.seq < b.seq);

/**
 * The loop shared by both kinds: take or renew the lease, run `step` until it reads nothing, then
 * sleep until the stream wakes us. `step` returns the new position after a batch, or undefined.
 */
function runConsumer(
  options: ConsumerBase,
  step: (owner: string, after: Position) => Promise<Position | undefined>,
): Consumer {
  const owner = `${options.name}@${randomUUID()}`;
  const log = options.logger.child({ component: "event-consumer", consumer: options.name });
  let running = true;
  let wake: (() => void) | undefined;
  /** Ends a backoff early; only stop() calls it (new events must not turn backoff into a spin). */
  let interrupt: (() => void) | undefined;
  let failures = 0;
  let created: Promise<void> | undefined =
    options.startAt === "end" ? createConsumerAtEnd(options.pool, options.name) : undefined;
  let position: Position | undefined;
  const unsubscribe = options.stream.subscribe(() => wake?.());

  /** One batch: "busy" when it handled one, "held" when committed events wait on an older transaction. */
  async function pass(): Promise<"busy" | "held" | "idle"> {
    if (created) {
      await created;
      created = undefined;
    }
    const after = await leaseConsumer(options.pool, options.name, owner, leaseSeconds(options));
    if (!after) return "idle"; // another process runs this consumer
    position = after;
    const next = await step(owner, after);
    if (next) position = next;
    if (next) return "busy";
    return (await hasHeldBackEvents(options.pool, after)) ? "held" : "idle";
  }

  async function loop(): Promise<void> {
    while (running) {
      let outcome: Awaited<ReturnType<typeof pass>>;
      try {
        outcome = await pass();
        failures = 0;
      } catch (error) {
        const retryInMs = backoffMs(options, failures++);
        log.error({ err: error, failures, retryInMs }, "event consumer batch failed; retrying");
        if (running) await sleep(retryInMs, (w) => (interrupt = w));
        continue;
      }
      // Checked again: stop() may have been called while the pass ran.
      if (outcome === "busy" || !running) continue;
      // Held back: the older transaction ends soon, and no signal will say when.
      await sleep(outcome === "held" ? HELD_BACK_RETRY_MS : 60_000, (w) => (wake = w));
    }
  }

  const done = loop();
  return {
    name: options.name,
    async caughtUp(timeoutMs = 10_000) {
      const target = await lastCommitted(options.pool);
      const deadline = Date.now() + timeoutMs;
      while (target && (!position || before(position, target))) {
        if (Date.now() > deadline)
          throw new Error(`consumer ${options.name} not caught up after ${timeoutMs} ms`);
        wake?.();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      running = false;
      unsubscribe();
      wake?.();
      interrupt?.();
      await done;
      await releaseConsumer(options.pool, options.name, owner).catch(() => {});
    },
  };
}

/** Capped exponential backoff: retryMs, twice that, ... up to maxRetryMs. */
function backoffMs(options: ConsumerBase, failuresBefore: number): number {
  const first = options.retryMs ?? 1_000;
  return Math.min(first * 2 ** Math.min(failuresBefore, 30), options.maxRetryMs ?? 60_000);
}

/** A new consumer starts after the newest committed event; an existing one keeps its position. */
async function createConsumerAtEnd(pool: Pool, name: string): Promise<void> {
  await createConsumerAt(pool, name, (await lastCommitted(pool)) ?? START);
}

function sleep(ms: number, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    setWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
