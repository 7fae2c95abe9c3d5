import type { PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { Config } from "../config.ts";
import type { Contracts } from "../contracts.ts";
import type { Pool } from "../db/pool.ts";
import { broadcastAll } from "../delivery/broadcast.ts";
import { confirmInFlight } from "../delivery/confirm.ts";
import { type SenderWorker, senderWorker } from "../delivery/sender-worker.ts";
import type { CrashHook } from "../delivery/worker-context.ts";
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

export type RelayWorker = SenderWorker;

/**
 * The relayer's worker: the delivery outbox's steps (broadcast, confirm, settle; nonces from the
 * locked sender row, raw transactions stored before sending) with the relayer's key, its own
 * signing step and its settle hooks (gas accounting, credits).
 */
export function createRelayWorker(options: RelayWorkerOptions): RelayWorker {
  const { config } = options;
  const account = privateKeyToAccount(config.relayer.privateKey);
  return senderWorker(
    {
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
    },
    {
      name: "relay",
      startedLog: { chainId: config.chainId },
      async pass(ctx) {
        const signed = await signRelayBatch(ctx);
        await broadcastAll(ctx, signed);
        const confirmed = await confirmInFlight(ctx);
        if (options.metrics) {
          const day = await readToday(ctx.pool);
          if (day) observeBudget(options.metrics, ctx.log, config.relayer, day);
        }
        return signed.length > 0 || confirmed;
      },
    },
  );
}
