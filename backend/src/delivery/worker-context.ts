import type { Logger } from "pino";
import type { Address, LocalAccount, PublicClient } from "viem";
import type { DeliveryConfig } from "../config.ts";
import type { Contracts } from "../contracts.ts";
import type { Pool } from "../db/pool.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { Delivery } from "./outbox.repository.ts";

/** Points where a test may stop the worker dead, to prove a restart sends nothing twice. */
export type CrashStep = "beforeSend" | "afterBroadcast" | "afterReceipt" | "beforeRecord";
export type CrashHook = (step: CrashStep, delivery: Delivery) => void | Promise<void>;

/** What every step of the delivery worker works with (built once by createDeliveryWorker). */
export type WorkerContext = {
  pool: Pool;
  log: Logger;
  ledger: LedgerService;
  config: DeliveryConfig;
  chainId: number;
  client: PublicClient;
  contracts: Contracts;
  /** The treasury key that signs every transaction. */
  account: LocalAccount;
  sender: Address;
  metrics: Metrics | undefined;
  crash: CrashHook | undefined;
  /** Set when the sender's next nonce must be caught up with the chain before signing again. */
  resync(): void;
};

/** User actions move a user's credits; treasury housekeeping (float, approval) moves none. */
export const USER_KINDS = new Set(["withdrawal", "gift_address", "gift_social", "gift_link"]);

/** Final-state metrics of a row (latency from queued to final; failures by code). */
export function observeFinal(
  ctx: WorkerContext,
  row: Delivery,
  outcome: "confirmed" | "failed",
  code?: string,
): void {
  if (!ctx.metrics) return;
  ctx.metrics.deliverySendLatency.observe(
    { kind: row.kind },
    (Date.now() - row.createdAt.getTime()) / 1000,
  );
  if (outcome === "failed")
    ctx.metrics.deliveryFailures.inc({ kind: row.kind, code: code ?? "failed" });
}
