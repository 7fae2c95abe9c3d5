// A consumer in its own process, for the event stream tests: prints every event it handles as one
// JSON line `{ seq, xid, type }` on stdout. Environment: DATABASE_URL, CONSUMER (name),
// CRASH_AFTER_BATCHES (optional: SIGKILL itself after handling that many batches, before storing
// the position), BATCH_SIZE, POLL_MS (the fallback poll; large = only NOTIFY wakes it).

import { createPool } from "../../src/db/pool.ts";
import { startConsumer } from "../../src/events/consumer.ts";
import { openEventStream } from "../../src/events/stream.ts";
import { createLogger } from "../../src/ops/logger.ts";

const databaseUrl = process.env.DATABASE_URL as string;
const crashAfter = Number(process.env.CRASH_AFTER_BATCHES ?? "0");
const logger = createLogger("silent");
const pool = createPool(databaseUrl, { max: 2, applicationName: "boon-test-consumer" });
const stream = await openEventStream({
  databaseUrl,
  logger,
  pollMs: Number(process.env.POLL_MS ?? "200"),
});
let batches = 0;
const consumer = startConsumer({
  name: process.env.CONSUMER as string,
  pool,
  stream,
  logger,
  batchSize: Number(process.env.BATCH_SIZE ?? "100"),
  leaseSeconds: 1,
  async handle(batch) {
    for (const event of batch) {
      const { xid, seq } = event.position;
      process.stdout.write(
        `${JSON.stringify({ xid: String(xid), seq: String(seq), type: event.type })}\n`,
      );
    }
    batches += 1;
    if (crashAfter > 0 && batches >= crashAfter) process.kill(process.pid, "SIGKILL");
  },
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
process.on("SIGTERM", () => {
  void consumer
    .stop()
    .then(() => stream.close())
    .then(() => pool.end())
    .then(() => process.exit(0));
});
