import { ConfigError, exitOnConfigError } from "@boon/contracts/config-error";
import { startActivityProjection } from "./activity/activity.projection.ts";
import { createApp } from "./app.ts";
import { checkVerifierRole } from "./attestations/verifier-role.ts";
import { purgeExpiredAuthState } from "./auth/sign-in-state.repository.ts";
import { BACKEND, type Config, loadConfig } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { createPool, type Pool } from "./db/pool.ts";
import { startDeliveryWorker } from "./delivery/start.ts";
import { buildDeps } from "./deps.ts";
import { startOnchainIngest } from "./events/onchain/onchain-ingest.ts";
import { openEventStream } from "./events/stream.ts";
import { startNotifications } from "./notifications/index.ts";
import { createLogger, type Logger } from "./ops/logger.ts";
import { startRelayWorker } from "./relayer/start.ts";
import { listen } from "./server.ts";

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export type RunOptions = {
  /** Runs last at shutdown (the dev entry stops its embedded PostgreSQL here). */
  onShutdown?: () => Promise<void>;
};

type Stop = () => Promise<void> | void;

/**
 * Starts the backend from the environment: migrations, the HTTP API, and the background work of
 * this process (delivery worker, on-chain events, activity, notifications, sign-in state purge); stops on SIGTERM/SIGINT.
 */
export async function runBackend(options: RunOptions = {}): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const { pool, stopPool } = await openPool(config, logger);
  const deps = buildDeps(config, pool, logger);
  await checkVerifier(deps, logger);
  const server = await listen(createApp(deps), config.port);
  const background = await startBackground(config, pool, logger, deps);
  // In reverse order of start: stop taking requests first, the database last.
  onSignals(logger, [
    () => server.close(10_000),
    ...background,
    () => deps.mailer.close(),
    () =>
      deps.redis?.quit().then(
        () => undefined,
        () => undefined,
      ),
    stopPool,
    () => options.onShutdown?.(),
  ]);
  // Last: once this is logged, the process is fully up and stops cleanly on a signal.
  logger.info(
    { port: server.port, publicUrl: config.publicUrl, docs: `${config.publicUrl}/docs` },
    "backend listening",
  );
}

function readConfig(): Config {
  try {
    const config = loadConfig();
    if (!config.databaseUrl) {
      throw new ConfigError(BACKEND, [
        "DATABASE_URL: required (`npm start -w backend` starts an embedded PostgreSQL for development)",
      ]);
    }
    return config;
  } catch (error) {
    return exitOnConfigError(error);
  }
}

async function openPool(config: Config, logger: Logger) {
  const pool = createPool(config.databaseUrl as string);
  let stopping = false;
  // During shutdown the server may drop connections the pool is still closing: expected.
  pool.on("error", (error) => {
    if (!stopping) logger.error({ err: error }, "idle database client error");
  });
  const applied = await migrate(pool, { log: (message) => logger.info(message) });
  logger.info({ applied: applied.length }, "migrations up to date");
  const stopPool = async () => {
    stopping = true;
    await pool.end();
  };
  return { pool, stopPool };
}

/** The process's background work; returns how to stop each part. */
async function startBackground(
  config: Config,
  pool: Pool,
  logger: Logger,
  deps: ReturnType<typeof buildDeps>,
): Promise<Stop[]> {
  // Publishes this process's events to the others, and serves its future consumers.
  const events = await openEventStream({
    databaseUrl: config.databaseUrl as string,
    logger,
    pollMs: config.events.pollMs,
  });
  const onchain = config.events.onchain.enabled
    ? startOnchainIngest({
        pool,
        logger,
        chainId: config.chainId,
        ...config.events.onchain,
        pollMs: config.events.pollMs,
      })
    : undefined;
  // What users read: their activity (a projection) and the emails they are sent (notifications).
  const activity = startActivityProjection({ pool, stream: events, logger });
  const notifiers = startNotifications(
    { pool, stream: events, logger, mailer: deps.mailer, metrics: deps.metrics },
    { dappOrigin: config.money.returnUrlBase },
  );
  // DELIVERY: the on-chain delivery worker runs in this process unless DELIVERY_WORKER=off.
  const worker = config.delivery.workerEnabled
    ? await startDeliveryWorker({
        config,
        pool,
        logger,
        ledger: deps.ledger,
        metrics: deps.metrics,
      })
    : undefined;
  // RELAYER: its worker sends relayed claims from the relayer's key (RELAYER_WORKER=off to run it alone).
  const relay =
    config.relayer.enabled && config.relayer.workerEnabled
      ? await startRelayWorker({ config, pool, logger, ledger: deps.ledger, metrics: deps.metrics })
      : undefined;
  const purge = setInterval(() => {
    purgeExpiredAuthState(pool)
      .then((counts) => logger.info({ purged: counts }, "purged expired sign-in state"))
      .catch((error: unknown) =>
        logger.warn({ err: error }, "purging expired sign-in state failed"),
      );
  }, PURGE_INTERVAL_MS);
  purge.unref();
  return [
    () => clearInterval(purge),
    () => worker?.stop(),
    () => relay?.stop(),
    () => onchain?.stop(),
    () => Promise.all(notifiers.map((notifier) => notifier.stop())).then(() => undefined),
    () => activity.stop(),
    () => events.close(),
  ];
}

/**
 * Refuses to start when the configured verifier key does not hold the vault's VERIFIER_ROLE (every
 * attestation would be refused on chain); logs and goes on when the chain cannot be asked.
 */
async function checkVerifier(deps: ReturnType<typeof buildDeps>, logger: Logger): Promise<void> {
  const verifier = deps.verifier.address;
  const contracts = await deps.social.contracts().catch(() => undefined);
  if (!deps.chainClient || !contracts) {
    logger.warn({ verifier }, "verifier role not checked: no RPC_URL or contract addresses");
    return;
  }
  const check = await checkVerifierRole(deps.chainClient, contracts.giftVault, verifier);
  if (check.ok === true)
    logger.info({ verifier, vault: contracts.giftVault }, "verifier key holds VERIFIER_ROLE");
  else if (check.ok === "unknown")
    logger.warn(
      { verifier, reason: check.reason },
      "verifier role not checked: the chain did not answer",
    );
  else {
    logger.fatal({ verifier, vault: contracts.giftVault }, check.problem);
    throw new Error(check.problem);
  }
}

function onSignals(logger: Logger, steps: Stop[]): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      for (const step of steps) await step();
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
