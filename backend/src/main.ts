import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { createPool } from "./db/pool.ts";
import { buildDeps } from "./deps.ts";
import { createLogger } from "./ops/logger.ts";
import { listen } from "./server.ts";
import { startLocalStripeIfNeeded } from "./stripe-local/for-backend.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

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

/** Uses DATABASE_URL, or starts an embedded PostgreSQL persisted under .data/ so the backend runs alone. */
async function database(config: Config, log: (message: string) => void) {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  // Test/dev tooling only: the workspace link to @boon/scripts is present in the monorepo.
  const { startPostgres } = await import("@boon/scripts/stack");
  const dataDir = path.join(repoRoot, ".data", "backend-postgres");
  log(`DATABASE_URL not set; starting embedded PostgreSQL in ${dataDir}`);
  const pg = await startPostgres({ url: undefined, dataDir });
  return { url: pg.url, stop: pg.stop };
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const db = await database(config, (message) => logger.info(message));
  const pool = createPool(db.url);
  pool.on("error", (error) => logger.error({ err: error }, "idle database client error"));
  const applied = await migrate(pool, { log: (message) => logger.info(message) });
  logger.info({ applied: applied.length }, "migrations up to date");

  const stripeLocal = await startLocalStripeIfNeeded(config, logger);
  const deps = buildDeps(config, pool, logger);
  const server = await listen(createApp(deps), config.port);
  logger.info(
    { port: server.port, publicUrl: config.publicUrl, docs: `${config.publicUrl}/docs` },
    "backend listening",
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      await server.close(10_000);
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
