// The relay worker alone: `node backend/src/relayer/worker-main.ts` (same environment as the
// backend; needs DATABASE_URL and RPC_URL). Several may run at once: rows are claimed with
// SKIP LOCKED and the relayer key's nonces are reserved under its sender row's lock.
import { ConfigError, exitOnConfigError, loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { createPool } from "../db/pool.ts";
import { crashHook } from "../delivery/crash-hook.ts";
import { openEventStream } from "../events/stream.ts";
import { createLedgerService } from "../ledger/ledger.service.ts";
import { createLogger } from "../ops/logger.ts";
import { startRelayWorker } from "./start.ts";

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError(["DATABASE_URL: required by the standalone relay worker"]);
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, { max: 5, applicationName: "boon-relay-worker" });
  await migrate(pool, { log: (message) => logger.info(message) });
  const events = await openEventStream({
    databaseUrl: config.databaseUrl,
    logger,
    pollMs: config.events.pollMs,
  });
  // DELIVERY_TEST_CRASH_AT (NODE_ENV=test only) kills this worker at a step, as it does the delivery one.
  const crash = crashHook(config.delivery.testCrashAt);
  const worker = await startRelayWorker({
    config,
    pool,
    logger,
    ledger: createLedgerService({ holdHours: config.money.holdHours }),
    ...(crash ? { crash } : {}),
  });
  if (!worker) {
    throw new ConfigError([
      "RPC_URL and the contract addresses (BOON_TOKEN_ADDRESS/GIFT_VAULT_ADDRESS or a deployments file) are required by the standalone relay worker",
    ]);
  }
  const shutdown = async () => {
    await worker.stop();
    await events.close();
    await pool.end();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) exitOnConfigError(error);
  process.stderr.write(
    `relay worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
