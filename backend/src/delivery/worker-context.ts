import type { Logger } from "pino";
import type { Address, LocalAccount, PublicClient, TransactionReceipt } from "viem";
import type { DeliveryConfig } from "../config.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { Contracts } from "./actions.ts";
import type { Delivery } from "./outbox.repository.ts";

/** Points where a test may stop the worker dead, to prove a restart sends nothing twice. */
export type CrashStep = "beforeSend" | "afterBroadcast" | "afterReceipt" | "beforeRecord";
export type CrashHook = (step: CrashStep, delivery: Delivery) => void | Promise<void>;

/**
 * What a row's final state means beyond the outbox, written in the same transaction as that state:
 * the relayer books its gas and credits a claim into Boon credits here (src/relayer/).
 */
export type SettleHooks = {
  confirmed(db: PoolClient, row: Delivery, receipt: TransactionReceipt): Promise<void>;
  failed(
    db: PoolClient,
    row: Delivery,
    failure: { code: string; reason: string },
    receipt: TransactionReceipt | undefined,
  ): Promise<void>;
};

/**
 * What every step of an outbox worker works with (built once by createDeliveryWorker, or by the
 * relayer's worker with its own key and hooks).
 */
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
  /** Extra effects of a final state (undefined: the delivery worker's own effects alone). */
  hooks?: SettleHooks | undefined;
  /** Set when the sender's next nonce must be caught up with the chain before signing again. */
  resync(): void;
};

/** User actions move a user's credits; treasury housekeeping (float, approval) moves none. */
export const USER_KINDS = new Set(["withdrawal", "gift_address", "gift_social", "gift_link"]);

/** The treasury's own rows: never re-signed after losing their nonce (the next batch plans anew). */
export const HOUSEKEEPING_KINDS = new Set(["float_mint", "vault_approve"]);

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
