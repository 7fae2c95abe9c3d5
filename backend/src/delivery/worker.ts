import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DeliveryConfig } from "../config.ts";
import type { Contracts } from "../contracts.ts";
import type { Pool } from "../db/pool.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Metrics } from "../ops/metrics.ts";
import { broadcastAll } from "./broadcast.ts";
import { confirmInFlight } from "./confirm.ts";
import { outboxStats } from "./outbox.repository.ts";
import { handleRefunds } from "./refunds.ts";
import { senderWorker } from "./sender-worker.ts";
import { signBatch } from "./sign.ts";
import type { CrashHook, WorkerContext } from "./worker-context.ts";

export type { CrashHook, CrashStep } from "./worker-context.ts";

export type WorkerOptions = {
  pool: Pool;
  logger: Logger;
  ledger: LedgerService;
  config: DeliveryConfig;
  chainId: number;
  client: PublicClient;
  contracts: Contracts;
  metrics?: Metrics;
  crash?: CrashHook;
};

export type DeliveryWorker = {
  /** One pass: sign queued rows, broadcast, confirm, handle refunds. True if anything moved. */
  tick(): Promise<boolean>;
  start(): void;
  stop(): Promise<void>;
};

/** The outbox worker: each tick signs (sign.ts), broadcasts, confirms and settles (settle.ts). */
export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const account = privateKeyToAccount(options.config.treasuryPrivateKey);
  return senderWorker(
    {
      ...options,
      log: options.logger.child({ component: "delivery-worker", sender: account.address }),
      account,
      sender: account.address,
      metrics: options.metrics,
      crash: options.crash,
    },
    {
      name: "delivery",
      startedLog: { chainId: options.chainId, contracts: options.contracts },
      async pass(ctx) {
        const signed = await signBatch(ctx);
        // In nonce order, so the node never waits on a gap we could have filled.
        await broadcastAll(ctx, signed);
        const confirmed = await confirmInFlight(ctx);
        const refunded = await handleRefunds(ctx);
        await updateGauges(ctx);
        return signed.length > 0 || confirmed || refunded;
      },
    },
  );
}

async function updateGauges(ctx: WorkerContext): Promise<void> {
  if (!ctx.metrics) return;
  const stats = await outboxStats(ctx.pool);
  for (const [status, n] of Object.entries(stats.depth))
    ctx.metrics.deliveryOutboxDepth.set({ status }, n);
  ctx.metrics.deliveryOldestQueuedSeconds.set(stats.oldestSeconds);
}
