import type { PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Config } from "../config.ts";
import type { Pool } from "../db/pool.ts";
import type { Contracts } from "../delivery/actions.ts";
import { broadcastAll } from "../delivery/broadcast.ts";
import { confirmInFlight } from "../delivery/confirm.ts";
import { pollLoop } from "../delivery/poll-loop.ts";
import { syncWithChain } from "../delivery/worker.ts";
import type { CrashHook, WorkerContext } from "../delivery/worker-context.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import { readToday } from "./gas-budget.repository.ts";
import { observeBudget } from "./gas-budget.ts";
import { relaySettleHooks } from "./settle-hooks.ts";
import { signRelayBatch } from "./sign.ts";

export type RelayWorkerOptions = {
  pool: Pool;
  logger: Logger;
  ledger: LedgerService;
  config: Config;
  client: PublicClient;
  contracts: Contracts;
  metrics?: Metrics;
  crash?: CrashHook;
};

export type RelayWorker = { tick(): Promise<boolean>; start(): void; stop(): Promise<void> };

/**
 * The relayer's worker: the delivery outbox's steps (broadcast, confirm, settle; nonces from the
 * locked sender row, raw transactions stored before sending) with the relayer's key, its own
 * signing step and its settle hooks (gas accounting, credits).
 */
export function createRelayWorker(options: RelayWorkerOptions): RelayWorker {
  const { config } = options;
  const account = privateKeyToAccount(config.relayer.privateKey);
  let synced = false;
  const ctx: WorkerContext = {
    pool: options.pool,
    log: options.logger.child({ component: "relay-worker", sender: account.address }),
    ledger: options.ledger,
    config: config.delivery,
    chainId: config.chainId,
    client: options.client,
    contracts: options.contracts,
    account,
    sender: account.address,
    metrics: options.metrics,
    crash: options.crash,
    hooks: relaySettleHooks({ ...options, metrics: options.metrics }),
    resync: () => {
      synced = false;
    },
  };

  async function tick(): Promise<boolean> {
    if (!synced) {
      await syncWithChain(ctx);
      synced = true;
    }
    const signed = await signRelayBatch(ctx);
    await broadcastAll(ctx, signed);
    const confirmed = await confirmInFlight(ctx);
    if (options.metrics) {
      const day = await readToday(ctx.pool);
      if (day) observeBudget(options.metrics, ctx.log, config.relayer, day);
    }
    return signed.length > 0 || confirmed;
  }

  const loop = pollLoop(tick, config.delivery.pollMs, (error) =>
    ctx.log.error({ err: error }, "relay tick failed; retrying"),
  );
  return {
    tick,
    start() {
      ctx.log.info({ chainId: ctx.chainId }, "relay worker started");
      loop.start();
    },
    stop: loop.stop,
  };
}
