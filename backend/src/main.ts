import { createApp } from "./app.ts";
import { purgeExpiredAuthState } from "./auth/cleanup.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { createPool } from "./db/pool.ts";
import { startDeliveryWorker } from "./delivery/start.ts";
import { buildDeps } from "./deps.ts";
import { createLogger } from "./ops/logger.ts";
import { listen } from "./server.ts";
import { startLocalStripeIfNeeded } from "./stripe-local/for-backend.ts";

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, (message) => logger.info(message));
  const pool = createPool(db.url);
  let stopping = false;
  // During shutdown the embedded server may drop connections the pool is still closing: expected.
  pool.on("error", (error) => {
    if (!stopping) logger.error({ err: error }, "idle database client error");
  });
  const applied = await migrate(pool, { log: (message) => logger.info(message) });
  logger.info({ applied: applied.length }, "migrations up to date");

  const stripeLocal = await startLocalStripeIfNeeded(config, logger);
  const deps = buildDeps(config, pool, logger);
  const server = await listen(createApp(deps), config.port);
  logger.info(
    { port: server.port, publicUrl: config.publicUrl, docs: `${config.publicUrl}/docs` },
    "backend listening",
  );

  // DELIVERY: the on-chain delivery worker runs in this process unless DELIVERY_WORKER=off.
  const deliveryWorker = config.delivery.workerEnabled
    ? await startDeliveryWorker({
        config,
        pool,
        logger,
        ledger: deps.ledger,
        metrics: deps.metrics,
      })
    : undefined;

  const purge = setInterval(() => {
    purgeExpiredAuthState(pool)
      .then((counts) => logger.info({ purged: counts }, "purged expired sign-in state"))
      .catch((error: unknown) =>
        logger.warn({ err: error }, "purging expired sign-in state failed"),
      );
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    clearInterval(purge);
    try {
      await server.close(10_000);
      await deliveryWorker?.stop();
      await stripeLocal?.close();
      deps.mailer.close();
      await deps.redis?.quit().catch(() => {});
      await pool.end();
      await db.stop();
      logger.info("shut down cleanly");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `backend failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
