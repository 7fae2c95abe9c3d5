import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { createTestDatabase, type TestDatabase } from "@boon/backend/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { createLogger } from "../ops/logger.ts";
import { appendEvent, eventsCommitted } from "./append-event.ts";
import { startConsumer, startProjection } from "./consumer.ts";
import type { EventType } from "./event-types.ts";
import { readEventsAfter, resetConsumer, START, type StoredEvent } from "./events.repository.ts";
import { type EventStream, openEventStream } from "./stream.ts";

const CONSUMER_PROCESS = new URL("../../test/support/event-consumer-process.ts", import.meta.url)
  .pathname;
const logger = createLogger("silent");

let db: TestDatabase;
let stream: EventStream;
beforeAll(async () => {
  db = await createTestDatabase();
  stream = await openEventStream({ databaseUrl: db.url, logger, pollMs: 200 });
});
afterAll(async () => {
  await stream.close();
  await db.drop();
});

/** One test event (a role change of nobody in particular: the payload shape is what matters). */
function roleChanged(tx: PoolClient, id: string) {
  return appendEvent(tx, {
    type: "user.role_changed",
    subject: { type: "user", id },
    userId: null,
    payload: { from: "user", to: "analyst", via: "cli" },
  });
}

const all = () => readEventsAfter(db.pool, START, { limit: 10_000 });

describe("appendEvent", () => {
  it("writes an event if and only if its transaction commits, and signals only commits", async () => {
    const signals: unknown[] = [];
    const listener = (position: unknown) => signals.push(position);
    eventsCommitted.on("committed", listener);
    try {
      const before = (await all()).length;
      await expect(
        withTransaction(db.pool, async (tx) => {
          await roleChanged(tx, "rolled-back");
          throw new Error("the change fails");
        }),
      ).rejects.toThrow("the change fails");
      expect((await all()).length).toBe(before);
      expect(signals).toEqual([]);

      const position = await withTransaction(db.pool, (tx) => roleChanged(tx, "committed"));
      const after = await all();
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)?.subject).toEqual({ type: "user", id: "committed" });
      expect(signals).toEqual([position]);
    } finally {
      eventsCommitted.off("committed", listener);
    }
  });

  it("refuses a payload that does not match its type's schema", async () => {
    await expect(
      withTransaction(db.pool, (tx) =>
        appendEvent(tx, {
          type: "purchase.settled",
          subject: { type: "purchase", id: "p" },
          userId: null,
          // @ts-expect-error credits must be an integer string
          payload: { amountCents: 100, credits: 1.5 },
        }),
      ),
    ).rejects.toThrow(/purchase.settled: payload does not match its schema/);
  });

  it("records a dedupe key once", async () => {
    const append = () =>
      withTransaction(db.pool, (tx) =>
        appendEvent(tx, {
          type: "account.restricted",
          subject: { type: "user", id: "dedupe" },
          userId: null,
          payload: { reason: "test" },
          dedupeKey: "test:dedupe:1",
        }),
      );
    expect(await append()).toBeDefined();
    expect(await append()).toBeUndefined();
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE dedupe_key = 'test:dedupe:1'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("is append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    await expect(db.pool.query("UPDATE events SET type = 'x.y'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("DELETE FROM events")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("TRUNCATE events")).rejects.toThrow(/append-only/);
  });
});

/** A consumer in this process that collects what it handles. */
function collect(name: string, types?: EventType[]) {
  const seen: StoredEvent[] = [];
  const consumer = startConsumer({
    name,
    pool: db.pool,
    stream,
    logger,
    ...(types ? { types } : {}),
    async handle(batch) {
      seen.push(...batch);
    },
  });
  return { seen, consumer };
}

describe("stream order under concurrency", () => {
  it("a consumer never skips an event whose transaction commits after a later-numbered one", async () => {
    const { seen, consumer } = collect("race");
    try {
      await consumer.caughtUp();
      const skipped = seen.length;
      // A takes the lower sequence number and stays open; B takes a higher one and commits first.
      const a = await db.pool.connect();
      try {
        await a.query("BEGIN");
        const early = await roleChanged(a, "A");
        const late = await withTransaction(db.pool, (tx) => roleChanged(tx, "B"));
        expect(late?.seq).toBeGreaterThan(early?.seq as bigint);
        // B is committed, yet it must wait: reading it now would move the cursor past A for good.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(seen.slice(skipped).map((e) => e.subject.id)).toEqual([]);
        await a.query("COMMIT");
      } finally {
        a.release();
      }
      await consumer.caughtUp();
      expect(seen.slice(skipped).map((e) => e.subject.id)).toEqual(["A", "B"]);
    } finally {
      await consumer.stop();
    }
  });
});

type Line = { xid: string; seq: string; type: string };

/** Starts a consumer process; `lines` fills as it handles events. */
async function consumerProcess(name: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CONSUMER_PROCESS], {
    env: { ...process.env, DATABASE_URL: db.url, CONSUMER: name, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Line[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    child.once("exit", () => reject(new Error(`consumer ${name} exited before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
      const line = JSON.parse(text) as Line & { ready?: boolean };
      if (line.ready) resolve();
      else lines.push(line);
    });
  });
  return { child, lines, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stop(child: ChildProcess, exited: Promise<number | null>) {
  child.kill("SIGTERM");
  return exited;
}

/** Writes `n` events from 8 concurrent writers. */
async function writeConcurrently(n: number, label: string): Promise<void> {
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < n; i += 8) {
        await withTransaction(db.pool, (tx) => roleChanged(tx, `${label}-${i}`));
      }
    }),
  );
}

describe("where a new consumer starts", () => {
  it("at the end of the stream when asked: only events committed after its creation", async () => {
    const seen: string[] = [];
    const late = startConsumer({
      name: "from-the-end",
      pool: db.pool,
      stream,
      logger,
      startAt: "end",
      async handle(batch) {
        seen.push(...batch.map((e) => e.subject.id));
      },
    });
    await late.caughtUp();
    await withTransaction(db.pool, (tx) => roleChanged(tx, "after-start"));
    await late.caughtUp();
    await late.stop();
    expect(seen).toEqual(["after-start"]);
  });
});

describe("a failing batch", () => {
  it("is retried with capped exponential backoff that new events do not cut short", async () => {
    const tries: number[] = [];
    const refuse = async () => {
      tries.push(Date.now());
      throw new Error("refused");
    };
    const backoff = { retryMs: 40, maxRetryMs: 160 };
    const consumer = startConsumer({
      name: "failing",
      pool: db.pool,
      stream,
      logger,
      ...backoff,
      handle: refuse,
    });
    try {
      await withTransaction(db.pool, (tx) => roleChanged(tx, "backoff"));
      await until("the first try", () => tries.length >= 1);
      // Commits while it backs off wake idle consumers, never one waiting to retry.
      for (let i = 0; i < 10; i++) {
        await withTransaction(db.pool, (tx) => roleChanged(tx, `backoff-${i}`));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await until("six tries", () => tries.length >= 6);
      const waits = tries.slice(1, 6).map((at, i) => at - (tries[i] as number));
      // 40, 80, 160, then capped at 160 (the cap: not 320, 640); the margins are timer slack.
      [40, 80, 160, 160, 160].forEach((ms, i) => {
        expect(waits[i]).toBeGreaterThanOrEqual(ms - 5);
        expect(waits[i]).toBeLessThan(ms + 150);
      });
    } finally {
      await consumer.stop();
    }
  });
});

describe("stopping", () => {
  it("a consumer stopped while it handles a batch stops when the batch ends", async () => {
    let started: () => void = () => {};
    const handling = new Promise<void>((resolve) => {
      started = resolve;
    });
    const consumer = startConsumer({
      name: "slow",
      pool: db.pool,
      stream,
      logger,
      async handle() {
        started();
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
    });
    await handling;
    const asked = Date.now();
    await consumer.stop();
    expect(Date.now() - asked).toBeLessThan(5_000);
  });
});

describe("consumers in other processes", () => {
  it("two consumers in two processes both see every event once, in the same order, woken by NOTIFY", async () => {
    const existing = (await all()).length;
    // No fallback poll within the test: only the NOTIFY after each commit wakes them.
    const one = await consumerProcess("process-one", { POLL_MS: "60000" });
    const two = await consumerProcess("process-two", { POLL_MS: "60000" });
    try {
      await writeConcurrently(200, "fanout");
      const total = existing + 200;
      await until("both consumers", () => one.lines.length >= total && two.lines.length >= total);
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may arrive
      const stored = await all();
      const order = stored.map((e) => `${e.position.xid}:${e.position.seq}`);
      for (const lines of [one.lines, two.lines]) {
        expect(lines.map((l) => `${l.xid}:${l.seq}`)).toEqual(order);
      }
      expect(new Set(order).size).toBe(total);
    } finally {
      await stop(one.child, one.exited);
      await stop(two.child, two.exited);
    }
  });

  it("a consumer that dies resumes from its stored position without losing an event", async () => {
    await writeConcurrently(60, "crash");
    const total = (await all()).length;
    const dying = await consumerProcess("resumes", {
      BATCH_SIZE: "10",
      CRASH_AFTER_BATCHES: "3",
    });
    expect(await dying.exited).toBeNull(); // killed by SIGKILL
    // Two batches were stored; the third was handled but its position never was.
    expect(dying.lines.length).toBe(30);
    const resumed = await consumerProcess("resumes", { BATCH_SIZE: "10" });
    try {
      await until("the restarted consumer", () => resumed.lines.length >= total - 20);
      const order = (await all()).map((e) => String(e.position.seq));
      expect(dying.lines.map((l) => l.seq)).toEqual(order.slice(0, 30));
      // At least once: the batch in flight at the crash comes again, and nothing is lost.
      expect(resumed.lines.map((l) => l.seq)).toEqual(order.slice(20));
    } finally {
      await stop(resumed.child, resumed.exited);
    }
  });
});

describe("projections", () => {
  it("a replay from zero rebuilds the same projection", async () => {
    await db.pool.query("CREATE TABLE test_event_counts (type text PRIMARY KEY, n int NOT NULL)");
    const project = () =>
      startProjection({
        name: "counts",
        pool: db.pool,
        stream,
        logger,
        batchSize: 7,
        async apply(tx, batch) {
          for (const event of batch) {
            await tx.query(
              `INSERT INTO test_event_counts VALUES ($1, 1)
               ON CONFLICT (type) DO UPDATE SET n = test_event_counts.n + 1`,
              [event.type],
            );
          }
        },
      });
    const counts = async () =>
      (await db.pool.query("SELECT type, n FROM test_event_counts ORDER BY type")).rows;
    const first = project();
    await first.caughtUp();
    await first.stop();
    const built = await counts();
    expect(built.reduce((sum, row) => sum + row.n, 0)).toBe((await all()).length);

    await db.pool.query("DELETE FROM test_event_counts");
    await resetConsumer(db.pool, "counts");
    const replay = project();
    await replay.caughtUp();
    await replay.stop();
    expect(await counts()).toEqual(built);
  });

  it("filters by type while moving past the others", async () => {
    const { seen, consumer } = collect("only-restrictions", ["account.restricted"]);
    await consumer.caughtUp();
    await consumer.stop();
    expect(seen.map((e) => e.type)).toEqual(["account.restricted"]);
    expect((await all()).length).toBeGreaterThan(1);
  });
});
