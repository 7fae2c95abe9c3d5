import pg from "pg";
import type { Logger } from "../ops/logger.ts";
import { eventsCommitted } from "./append-event.ts";
import type { Position } from "./events.repository.ts";

/** The PostgreSQL channel that tells every process "new events were committed". */
export const EVENTS_CHANNEL = "boon_events";

export type EventStream = {
  /** Calls `wake` whenever new events may be readable; returns the unsubscribe function. */
  subscribe(wake: () => void): () => void;
  close(): Promise<void>;
};

export type EventStreamOptions = {
  databaseUrl: string;
  logger: Logger;
  /** Fallback poll: wakes consumers this often even if no notification came (default 1000 ms). */
  pollMs?: number;
  /** Coalesces this process's commits into one NOTIFY per window (default 5 ms). */
  notifyWindowMs?: number;
};

/**
 * The one LISTEN connection of a process, shared by all its consumers (PostgreSQL allows ~100
 * connections on this machine: one per process, not one per consumer).
 *
 * Publishing: a writer does not NOTIFY inside its own transaction. PostgreSQL serializes the commits
 * of notifying transactions on one lock, which halved INSERT transactions/s at 8 clients when
 * measured (backend/README.md, "Domain events"). Instead this process wakes its own consumers at
 * once when one of its transactions commits events, and sends one NOTIFY, carrying the newest
 * position, per short window, after commit, for the other processes. A process that dies between
 * its commit and that NOTIFY delays other consumers by at most one poll interval.
 */
export async function openEventStream(options: EventStreamOptions): Promise<EventStream> {
  const { logger } = options;
  const log = logger.child({ component: "event-stream" });
  const subscribers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of subscribers) wake();
  };
  let client: pg.Client | undefined;
  let closed = false;
  let reconnect: NodeJS.Timeout | undefined;
  let pending: Position | undefined;
  let flush: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: "boon-events-listener",
    });
    next.on("notification", (message) => {
      // Our own NOTIFYs come back too; waking local consumers twice is harmless.
      if (message.channel === EVENTS_CHANNEL) wakeAll();
    });
    next.on("error", (error) => {
      log.warn({ err: error }, "event listener connection lost; reconnecting");
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    client = next;
    // Anything committed while we were not listening is read now.
    wakeAll();
  }

  function scheduleReconnect(): void {
    if (closed || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      connect().catch((error: unknown) => {
        log.warn({ err: error }, "event listener cannot connect; retrying");
        scheduleReconnect();
      });
    }, 1_000);
  }

  function onCommitted(position: Position): void {
    wakeAll();
    pending = position;
    flush ??= setTimeout(() => {
      flush = undefined;
      const payload = pending && `${pending.xid}:${pending.seq}`;
      pending = undefined;
      client
        ?.query("SELECT pg_notify($1, $2)", [EVENTS_CHANNEL, payload ?? ""])
        .catch((error: unknown) => log.warn({ err: error }, "NOTIFY failed; others will poll"));
    }, options.notifyWindowMs ?? 5);
  }

  await connect();
  eventsCommitted.on("committed", onCommitted);
  const poll = setInterval(wakeAll, options.pollMs ?? 1_000);
  poll.unref();

  return {
    subscribe(wake) {
      subscribers.add(wake);
      return () => subscribers.delete(wake);
    },
    async close() {
      closed = true;
      eventsCommitted.off("committed", onCommitted);
      clearInterval(poll);
      clearTimeout(reconnect);
      clearTimeout(flush);
      subscribers.clear();
      await client?.end().catch(() => {});
    },
  };
}
