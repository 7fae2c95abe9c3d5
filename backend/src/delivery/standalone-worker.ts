// Shared body of the standalone workers (`delivery/worker-main.ts`, `relayer/worker-main.ts`):
// same environment as the backend, their own pool and event stream, stopped by SIGTERM/SIGINT.
import { ConfigError, exitOnConfigError } from "@boon/contracts/config-error";
import { type Config, loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { createPool, type Pool } from "../db/pool.ts";
import { openEventStream } from "../events/stream.ts";
import { createLedgerService, type LedgerService } from "../ledger/ledger.service.ts";
import { createLogger, type Logger } from "../ops/logger.ts";
import { crashHook } from "./crash-hook.ts";
import type { CrashHook } from "./worker-context.ts";

export type StandaloneWorkerDeps = {
  config: Config;
  pool: Pool;
  logger: Logger;
  ledger: LedgerService;
  crash?: CrashHook;
};

/** Runs one worker as its own process; `name` is "delivery" or "relay" in messages and the pool. */
export function runStandaloneWorker(options: {
  name: string;
  poolMax: number;
  start: (deps: StandaloneWorkerDeps) => Promise<{ stop(): Promise<void> } | undefined>;
}): void {
  const worker = `the ${options.name} worker`;
  startStandalone(worker, options).catch((error: unknown) => {
    if (error instanceof ConfigError) exitOnConfigError(error);
    process.stderr.write(
      `${options.name} worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}

async function startStandalone(
  worker: string,
  options: Parameters<typeof runStandaloneWorker>[0],
): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError(worker, [
      `DATABASE_URL: required by the standalone ${options.name} worker`,
    ]);
  const logger = createLogger(config.logLevel);
  const pool = createPool(config.databaseUrl, {
    max: options.poolMax,
    applicationName: `boon-${options.name}-worker`,
  });
  await migrate(pool, { log: (message) => logger.info(message) });
  // The worker's events reach consumers in other processes at once (they poll otherwise).
  const events = await openEventStream({
    databaseUrl: config.databaseUrl,
    logger,
    pollMs: config.events.pollMs,
  });
  // DELIVERY_TEST_CRASH_AT (NODE_ENV=test only) kills the worker at a step.
  const crash = crashHook(config.delivery.testCrashAt);
  const started = await options.start({
    config,
    pool,
    logger,
    ledger: createLedgerService({ holdHours: config.money.holdHours }),
    ...(crash ? { crash } : {}),
  });
  if (!started) {
    throw new ConfigError(worker, [
      `RPC_URL and the contract addresses (BOON_TOKEN_ADDRESS/GIFT_VAULT_ADDRESS or a deployments file) are required by the standalone ${options.name} worker`,
    ]);
  }
  const shutdown = async () => {
    await started.stop();
    await events.close();
    await pool.end();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
}
