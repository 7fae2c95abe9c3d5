import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import { deliveryChainClient } from "../delivery/chain-client.ts";
import { deliveryContracts } from "../delivery/start.ts";
import type { CrashHook } from "../delivery/worker-context.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import { createRelayWorker, type RelayWorker } from "./worker.ts";

/** Builds and starts the relay worker; undefined (with a log line) without RPC or contracts. */
export async function startRelayWorker(deps: {
  config: Config;
  pool: Pool;
  logger: Logger;
  ledger: LedgerService;
  metrics?: Metrics;
  crash?: CrashHook;
}): Promise<RelayWorker | undefined> {
  const { config, logger } = deps;
  if (!config.rpcUrl) {
    logger.warn("RPC_URL is not set: the relay worker is not running (relayed claims stay queued)");
    return undefined;
  }
  const contracts = await deliveryContracts(config).catch((error: unknown) => {
    logger.error({ err: error }, "relay worker not started: contract addresses unknown");
    return undefined;
  });
  if (!contracts) return undefined;
  const worker = createRelayWorker({
    ...deps,
    client: deliveryChainClient(config.rpcUrl),
    contracts,
  });
  worker.start();
  return worker;
}
