import { afterAll, beforeAll } from "vitest";
import type { Consumer } from "../../src/events/consumer.ts";
import { resetConsumer } from "../../src/events/events.repository.ts";
import { type EventStream, openEventStream } from "../../src/events/stream.ts";
import { startNotifications } from "../../src/notifications/index.ts";
import type { NotifierDeps, RetryPolicy } from "../../src/notifications/notifier.ts";
import { createLogger } from "../../src/ops/logger.ts";
import { type MoneyTestApp, startMoneyTestApp } from "./money-app.ts";

/**
 * A money test app for the calling test file with its notifiers running over its events, as
 * run.ts starts them (with `retry`, if given). `run` replaces them; `caughtUp` waits for them.
 */
export function useNotifiers(retry?: RetryPolicy) {
  const logger = createLogger("silent");
  const dappOrigin = "http://localhost:5173";
  let app: MoneyTestApp;
  let stream: EventStream;
  let running: Consumer[] = [];
  const harness = {
    get app() {
      return app;
    },
    dappOrigin,
    deps: (): NotifierDeps => ({
      pool: app.pool,
      stream,
      logger,
      mailer: app.deps.mailer,
      metrics: app.deps.metrics,
    }),
    /** Runs these consumers instead (default: every notification). */
    run(consumers?: Consumer[]) {
      const options = retry ? { dappOrigin, retry } : { dappOrigin };
      running = consumers ?? startNotifications(harness.deps(), options);
    },
    /** Stops them and starts them again; `replay` puts their consumers back at the stream's start. */
    async restart(options: { replay?: boolean } = {}) {
      await harness.stopAll();
      if (options.replay)
        for (const consumer of running) await resetConsumer(app.pool, consumer.name);
      harness.run();
      await harness.caughtUp();
    },
    async stopAll() {
      await Promise.all(running.map((n) => n.stop()));
    },
    async caughtUp() {
      await Promise.all(running.map((n) => n.caughtUp()));
    },
    /** The receipts the app's local SMTP received for this address. */
    receipts: (to: string) =>
      app.mail.messages({ to }).filter((m) => m.subject.startsWith("Your Boon receipt")),
  };
  beforeAll(async () => {
    app = await startMoneyTestApp();
    stream = await openEventStream({ databaseUrl: app.databaseUrl, logger, pollMs: 100 });
    harness.run();
    await harness.caughtUp();
  });
  afterAll(async () => {
    await harness.stopAll();
    await stream.close();
    await app.close();
  });
  return harness;
}
