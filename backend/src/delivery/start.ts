import type { PublicClient } from "viem";
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

/**
 * The RPC client and contracts a chain worker needs; undefined (with the matching log line) when
 * RPC_URL is not set or the contract addresses are unknown, so the API runs on without the worker.
 */
export function chainAccess(
  config: Config,
  logger: Logger,
  messages: { noRpc: string; noContracts: string },
): { client: PublicClient; contracts: Contracts } | undefined {
  if (!config.rpcUrl) {
    logger.warn(messages.noRpc);
    return undefined;
  }
  try {
    return { client: deliveryChainClient(config.rpcUrl), contracts: contractsOf(config) };
  } catch (error) {
    logger.error({ err: error }, messages.noContracts);
    return undefined;
  }
}

/** Builds and starts the delivery worker; undefined (with a log line) when no RPC is configured. */
export async function startDeliveryWorker(
  deps: StartWorkerDeps,
): Promise<DeliveryWorker | undefined> {
  const { config, logger } = deps;
  // The API still queues deliveries; they go out once the worker starts with known contracts.
  const chain = chainAccess(config, logger, {
    noRpc: "RPC_URL is not set: the delivery worker is not running (deliveries stay queued)",
    noContracts:
      "delivery worker not started: contract addresses unknown (set BOON_TOKEN_ADDRESS and GIFT_VAULT_ADDRESS, or deploy)",
  });
  if (!chain) return undefined;
  const worker = createDeliveryWorker({
    pool: deps.pool,
    logger,
    ledger: deps.ledger,
    config: config.delivery,
    chainId: config.chainId,
    ...chain,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.crash ? { crash: deps.crash } : {}),
  });
  worker.start();
  return worker;
}
