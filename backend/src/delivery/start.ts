import type { Config } from "../config.ts";
import { type Contracts, contractsOf } from "../contracts.ts";
import type { Pool } from "../db/pool.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import { deliveryChainClient } from "./chain-client.ts";
import { type CrashHook, createDeliveryWorker, type DeliveryWorker } from "./worker.ts";

export type StartWorkerDeps = {
  config: Config;
  pool: Pool;
  logger: Logger;
  ledger: LedgerService;
  metrics?: Metrics;
  crash?: CrashHook;
};

/** Builds and starts the delivery worker; undefined (with a log line) when no RPC is configured. */
export async function startDeliveryWorker(
  deps: StartWorkerDeps,
): Promise<DeliveryWorker | undefined> {
  const { config, logger } = deps;
  if (!config.rpcUrl) {
    logger.warn("RPC_URL is not set: the delivery worker is not running (deliveries stay queued)");
    return undefined;
  }
  let contracts: Contracts;
  try {
    contracts = contractsOf(config);
  } catch (error) {
    // The API still queues deliveries; they go out once the worker starts with known contracts.
    logger.error(
      { err: error },
      "delivery worker not started: contract addresses unknown (set BOON_TOKEN_ADDRESS and GIFT_VAULT_ADDRESS, or deploy)",
    );
    return undefined;
  }
  const worker = createDeliveryWorker({
    pool: deps.pool,
    logger,
    ledger: deps.ledger,
    config: config.delivery,
    chainId: config.chainId,
    client: deliveryChainClient(config.rpcUrl),
    contracts,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.crash ? { crash: deps.crash } : {}),
  });
  worker.start();
  return worker;
}
