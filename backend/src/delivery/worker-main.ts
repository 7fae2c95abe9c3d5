// The delivery worker alone: `node backend/src/delivery/worker-main.ts` (same environment as the
// backend; needs DATABASE_URL and RPC_URL). Several may run at once: rows are claimed with
// SKIP LOCKED and each sender's nonces are reserved under a row lock.
import { ConfigError, exitOnConfigError } from "@boon/contracts/config-error";
import { loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { createPool } from "../db/pool.ts";
import { openEventStream } from "../events/stream.ts";
import { createLedgerService } from "../ledger/ledger.service.ts";
import { createLogger } from "../ops/logger.ts";
import { crashHook } from "./crash-hook.ts";
import { startDeliveryWorker } from "./start.ts";

const WORKER = "the delivery worker";

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError(WORKER, ["DATABASE_URL: required by the standalone delivery worker"]);
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, { max: 10, applicationName: "boon-delivery-worker" });
  await migrate(pool, { log: (message) => logger.info(message) });
  // The worker's events reach consumers in other processes at once (they poll otherwise).
  const events = await openEventStream({
    databaseUrl: config.databaseUrl,
    logger,
    pollMs: config.events.pollMs,
  });
  const crash = crashHook(config.delivery.testCrashAt);
  const worker = await startDeliveryWorker({
    config,
    pool,
    logger,
    ledger: createLedgerService({ holdHours: config.money.holdHours }),
    ...(crash ? { crash } : {}),
  });
  if (!worker) {
    throw new ConfigError(WORKER, [
      "RPC_URL and the contract addresses (BOON_TOKEN_ADDRESS/GIFT_VAULT_ADDRESS or a deployments file) are required by the standalone delivery worker",
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
    `delivery worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
