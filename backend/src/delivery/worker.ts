import type { Logger } from "pino";
import type { PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { DeliveryConfig } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { Contracts } from "./actions.ts";
import { broadcastAll } from "./broadcast.ts";
import { confirmInFlight } from "./confirm.ts";
import { outboxStats } from "./outbox.repository.ts";
import { pollLoop } from "./poll-loop.ts";
import { handleRefunds } from "./refunds.ts";
import { syncSender } from "./senders.repository.ts";
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
  let synced = false;
  const ctx: WorkerContext = {
    ...options,
    log: options.logger.child({ component: "delivery-worker", sender: account.address }),
    account,
    sender: account.address,
    metrics: options.metrics,
    crash: options.crash,
    resync: () => {
      synced = false;
    },
  };

  async function tick(): Promise<boolean> {
    if (!synced) {
      await syncWithChain(ctx);
      synced = true;
    }
    const signed = await signBatch(ctx);
    // In nonce order, so the node never waits on a gap we could have filled.
    await broadcastAll(ctx, signed);
    const confirmed = await confirmInFlight(ctx);
    const refunded = await handleRefunds(ctx);
    await updateGauges(ctx);
    return signed.length > 0 || confirmed || refunded;
  }

  const loop = pollLoop(tick, options.config.pollMs, (error) =>
    ctx.log.error({ err: error }, "delivery tick failed; retrying"),
  );
  return {
    tick,
    start() {
      ctx.log.info({ chainId: ctx.chainId, contracts: ctx.contracts }, "delivery worker started");
      loop.start();
    },
    stop: loop.stop,
  };
}

/** Raises the sender's next nonce to the chain's pending count (the key may be used elsewhere). */
export async function syncWithChain(ctx: WorkerContext): Promise<void> {
  const pending = await ctx.client.getTransactionCount({
    address: ctx.sender,
    blockTag: "pending",
  });
  await syncSender(ctx.pool, ctx.sender, ctx.chainId, BigInt(pending));
}

async function updateGauges(ctx: WorkerContext): Promise<void> {
  if (!ctx.metrics) return;
  const stats = await outboxStats(ctx.pool);
  for (const [status, n] of Object.entries(stats.depth))
    ctx.metrics.deliveryOutboxDepth.set({ status }, n);
  ctx.metrics.deliveryOldestQueuedSeconds.set(stats.oldestSeconds);
}
