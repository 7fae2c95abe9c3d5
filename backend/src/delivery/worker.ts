import { giftVaultAbi } from "@boon/contracts";
import type { Logger } from "pino";
import {
  type Address,
  type Hex,
  keccak256,
  type PublicClient,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { recordAudit } from "../audit/audit.repository.ts";
import type { DeliveryConfig } from "../config.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Metrics } from "../ops/metrics.ts";
import {
  type Action,
  actionCall,
  type Contracts,
  giftIdFromReceipt,
  spendsFloat,
} from "./actions.ts";
import { errorText, isAlreadyKnown, revertReason } from "./chain-client.ts";
import {
  adjustFloat,
  claimQueued,
  clearApprovedVault,
  type Delivery,
  findDelivery,
  insertDelivery,
  listInFlight,
  lockSender,
  markConfirmed,
  markFailed,
  markSent,
  markSigned,
  noteError,
  outboxStats,
  requeueDelivery,
  syncSender,
  updateSender,
} from "./delivery.repository.ts";
import { escrowExpiry } from "./expiry.ts";
import { planFloat } from "./float.ts";
import { deliveredEntries, journalKey, returnedEntries } from "./postings.ts";
import { createRefundWatcher } from "./refunds.ts";

/** Points where a test may stop the worker dead, to prove a restart sends nothing twice. */
export type CrashStep = "beforeSend" | "afterBroadcast" | "afterReceipt" | "beforeRecord";
export type CrashHook = (step: CrashStep, delivery: Delivery) => void | Promise<void>;

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

const USER_KINDS = new Set(["withdrawal", "gift_address", "gift_social", "gift_link"]);
const IN_FLIGHT_LIMIT = 1000;
// Receipt checks and recordings at once; leaves most of a shared pool to the API.
const CONCURRENCY = 8;

export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const { pool, logger, config, chainId, client, contracts } = options;
  const account = privateKeyToAccount(config.treasuryPrivateKey);
  const sender = account.address;
  const senderKey = { address: sender, chainId };
  const log = logger.child({ component: "delivery-worker", sender });
  const refunds = createRefundWatcher({ ...options, sender, log });
  let synced = false;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function ensureSender(): Promise<void> {
    if (synced) return;
    const chainNonce = await client.getTransactionCount({ address: sender, blockTag: "pending" });
    await syncSender(pool, sender, chainId, BigInt(chainNonce));
    synced = true;
  }

  /** Reserves nonces and signs a batch of queued rows, persisting each raw tx before any broadcast. */
  async function signBatch(): Promise<Delivery[]> {
    const queued = await pool.query(
      "SELECT 1 FROM deliveries WHERE status = 'queued' AND chain_id = $1 LIMIT 1",
      [chainId],
    );
    if (queued.rows.length === 0) return [];
    // Chain reads happen before the transaction so no lock waits on the RPC.
    const [fees, block, paused] = await Promise.all([
      client.estimateFeesPerGas(),
      client.getBlock({ blockTag: "latest" }),
      client.readContract({
        address: contracts.giftVault,
        abi: giftVaultAbi,
        functionName: "paused",
      }),
    ]);
    return withTransaction(pool, async (db) => {
      const state = await lockSender(db, sender, chainId);
      const rows = await claimQueued(db, chainId, config.batchSize);
      const sendable: Delivery[] = [];
      for (const row of rows) {
        if (
          paused &&
          row.kind !== "withdrawal" &&
          row.kind !== "float_mint" &&
          row.kind !== "vault_approve"
        ) {
          await finishFailed(db, row, { code: "vault_paused", reason: "The gift vault is paused" });
          observeFinal(row, "failed", "vault_paused");
        } else sendable.push(row);
      }
      const plan = planFloat({
        floatAvailable: state.floatAvailable,
        approvedVault: state.approvedVault,
        vault: contracts.giftVault,
        topUp: config.floatAmount,
        batch: sendable,
      });
      const housekeeping: Delivery[] = [];
      if (plan.approve) {
        housekeeping.push(await addHousekeeping(db, "vault_approve", 0n, contracts.giftVault));
      }
      if (plan.mint > 0n) {
        housekeeping.push(await addHousekeeping(db, "float_mint", plan.mint, sender));
      }
      let nonce = state.nextNonce;
      let floatAfter = plan.floatAfter;
      const signed: Delivery[] = [];
      for (const row of [...housekeeping, ...sendable]) {
        const expiry =
          row.kind === "gift_social" || row.kind === "gift_link"
            ? escrowExpiry(block.timestamp, row.lifetimeSeconds, config)
            : 0n;
        let call: ReturnType<typeof actionCall>;
        try {
          call = actionCall({ ...(await actionOf(db, row)), expiry }, sender, contracts);
        } catch (error) {
          // A row that cannot become a transaction must not block the queue behind it.
          await finishFailed(db, row, { code: "invalid_action", reason: errorText(error) });
          observeFinal(row, "failed", "invalid_action");
          if (spendsFloat(row.kind)) floatAfter += row.amount;
          continue;
        }
        const rawTx = await account.signTransaction({
          chainId,
          type: "eip1559",
          nonce: Number(nonce),
          to: call.to,
          data: call.data,
          gas: call.gas,
          value: 0n,
          maxFeePerGas: fees.maxFeePerGas,
          maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
        });
        const txHash = keccak256(rawTx);
        await markSigned(db, row.id, {
          sender,
          nonce,
          rawTx,
          txHash,
          contract: call.to,
          token: contracts.boonToken,
          expiry,
        });
        signed.push({
          ...row,
          sender,
          status: "signed",
          nonce,
          rawTx,
          txHash,
          contract: call.to,
          expiry,
        });
        nonce += 1n;
      }
      await updateSender(db, {
        ...senderKey,
        nextNonce: nonce,
        floatAvailable: floatAfter,
        approvedVault: plan.approve ? contracts.giftVault : state.approvedVault,
      });
      return signed;
    });
  }

  /** A treasury action the batch needs first (vault approval, float top-up), with its audit row. */
  async function addHousekeeping(
    db: PoolClient,
    kind: "vault_approve" | "float_mint",
    amount: bigint,
    recipient: Address,
  ): Promise<Delivery> {
    const row = await insertDelivery(db, {
      userId: null,
      kind,
      amount,
      recipient,
      sender,
      chainId,
    });
    await recordAudit(db, {
      actorUserId: null,
      action: `delivery.${kind}.requested`,
      subjectType: "delivery",
      subjectId: row.id,
      details: { amount, recipient },
    });
    return row;
  }

  /** The on-chain action of a row (a refund needs the fields of the gift it refunds). */
  async function actionOf(db: PoolClient, row: Delivery): Promise<Action> {
    const action: Action = {
      kind: row.kind,
      deliveryId: row.id,
      amount: row.amount,
      recipient: row.recipient,
      context: row.context,
      message: row.message,
      expiry: row.expiry,
    };
    if (row.kind !== "gift_refund") return action;
    const gift = row.refundOf ? await findDelivery(db, row.refundOf) : undefined;
    if (
      !gift ||
      gift.giftId === null ||
      !gift.token ||
      !gift.contract ||
      (gift.kind !== "gift_social" && gift.kind !== "gift_link")
    ) {
      throw new Error(`refund ${row.id}: the gift it refunds is not a confirmed escrowed gift`);
    }
    return {
      ...action,
      refund: {
        vault: gift.contract,
        giftId: gift.giftId,
        kind: gift.kind,
        recipient: gift.recipient,
        amount: gift.amount,
        expiry: gift.expiry,
        sender: gift.sender,
        token: gift.token,
      },
    };
  }

  /**
   * Broadcasts persisted raw transactions in the given (nonce) order, then marks the accepted ones
   * sent in one statement. Rebroadcasting the same bytes is always safe.
   */
  async function broadcastAll(rows: readonly Delivery[]): Promise<void> {
    const accepted: string[] = [];
    for (const row of rows) {
      await options.crash?.("beforeSend", row);
      try {
        await client.sendRawTransaction({ serializedTransaction: row.rawTx as Hex });
      } catch (error) {
        if (!isAlreadyKnown(error)) {
          await noteError(pool, row.id, errorText(error));
          log.warn(
            { deliveryId: row.id, nonce: row.nonce?.toString(), err: errorText(error) },
            "broadcast failed; will retry",
          );
          continue;
        }
      }
      await options.crash?.("afterBroadcast", row);
      accepted.push(row.id);
    }
    await markSent(pool, accepted);
  }

  async function receiptOf(hash: Hex): Promise<TransactionReceipt | undefined> {
    try {
      return await client.getTransactionReceipt({ hash });
    } catch (error) {
      if (error instanceof TransactionReceiptNotFoundError) return undefined;
      throw error;
    }
  }

  /** Checks in-flight rows: records final ones, rebroadcasts lost ones, detects a taken nonce. */
  async function confirmInFlight(): Promise<boolean> {
    const rows = await listInFlight(pool, sender, chainId, IN_FLIGHT_LIMIT);
    if (rows.length === 0) return false;
    const [head, minedNonce] = await Promise.all([
      client.getBlockNumber(),
      client.getTransactionCount({ address: sender, blockTag: "latest" }),
    ]);
    let progressed = false;
    const resend: Delivery[] = [];
    await forEachLimited(rows, CONCURRENCY, async (row) => {
      try {
        const receipt = await receiptOf(row.txHash as Hex);
        if (receipt) {
          if (head - receipt.blockNumber + 1n < BigInt(config.confirmations)) return;
          await options.crash?.("afterReceipt", row);
          await record(row, receipt);
          progressed = true;
          return;
        }
        if (row.nonce !== null && row.nonce < BigInt(minedNonce)) {
          // Our nonce is used on chain but not by our transaction: look once more by hash before
          // concluding (the receipt may have landed between the two reads).
          const again = await receiptOf(row.txHash as Hex);
          if (again) return;
          // Someone else sends with this key: catch the next nonce up with the chain, and sign the
          // action again (ours can never be mined now that its nonce is spent).
          synced = false;
          await requeue(row, `nonce ${row.nonce} was used by another transaction`);
          progressed = true;
          return;
        }
        const stale =
          row.sentAt === null ||
          Date.now() - row.sentAt.getTime() > config.rebroadcastSeconds * 1000;
        if (row.status === "signed" || stale) resend.push(row);
      } catch (error) {
        await noteError(pool, row.id, errorText(error)).catch(() => {});
        log.warn(
          { deliveryId: row.id, err: errorText(error) },
          "confirmation check failed; will retry",
        );
      }
    });
    // Lowest nonce first, so the node never holds a transaction behind a gap we could fill.
    resend.sort((a, b) => (a.nonce !== null && b.nonce !== null && a.nonce < b.nonce ? -1 : 1));
    await broadcastAll(resend);
    return progressed;
  }

  /**
   * Puts a row whose nonce another transaction took back in the queue. Safe: no transaction with
   * its old hash can ever be mined. Treasury housekeeping is not retried (the next batch plans its
   * own); a user's action is, so nothing is lost.
   */
  async function requeue(row: Delivery, why: string): Promise<void> {
    if (!row.userId) {
      await recordFailure(row, { code: "nonce_taken", reason: why });
      return;
    }
    await withTransaction(pool, async (db) => {
      const current = await findDelivery(db, row.id, { forUpdate: true });
      if (!current || (current.status !== "signed" && current.status !== "sent")) return;
      await requeueDelivery(db, row.id, why);
      if (spendsFloat(row.kind))
        await adjustFloat(db, { address: row.sender, chainId }, row.amount);
      await recordAudit(db, {
        actorUserId: null,
        action: `delivery.${row.kind}.requeued`,
        subjectType: "delivery",
        subjectId: row.id,
        details: { reason: why, oldTxHash: row.txHash, oldNonce: row.nonce },
      });
    });
    log.warn({ deliveryId: row.id, nonce: row.nonce?.toString() }, why);
  }

  /** Records a final receipt, with its journal, in one transaction. */
  async function record(row: Delivery, receipt: TransactionReceipt): Promise<void> {
    if (receipt.status === "reverted") {
      const failure = await replayRevert(row, receipt);
      await recordFailure(row, failure, receipt);
      return;
    }
    await withTransaction(pool, async (db) => {
      const current = await findDelivery(db, row.id, { forUpdate: true });
      if (!current || current.status === "confirmed" || current.status === "failed") return;
      const giftId = current.contract
        ? giftIdFromReceipt(receipt, current.contract as Address)
        : undefined;
      await markConfirmed(db, row.id, {
        blockNumber: receipt.blockNumber,
        blockHash: receipt.blockHash,
        giftId,
      });
      if (current.userId && USER_KINDS.has(current.kind)) {
        await options.ledger.postJournal(db, {
          key: journalKey.delivered(row.id),
          kind: "delivery.delivered",
          memo: `delivered on chain in ${receipt.transactionHash}`,
          userId: current.userId,
          entries: deliveredEntries(current.amount),
        });
      }
      await recordAudit(db, {
        actorUserId: null,
        action: `delivery.${current.kind}.confirmed`,
        subjectType: "delivery",
        subjectId: row.id,
        details: { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, giftId },
      });
      await options.crash?.("beforeRecord", current);
    });
    observeFinal(row, "confirmed");
  }

  async function recordFailure(
    row: Delivery,
    failure: { code: string; reason: string },
    receipt?: TransactionReceipt,
  ): Promise<void> {
    await withTransaction(pool, async (db) => {
      const current = await findDelivery(db, row.id, { forUpdate: true });
      if (!current || current.status === "confirmed" || current.status === "failed") return;
      await finishFailed(db, current, failure, receipt);
      await options.crash?.("beforeRecord", current);
    });
    observeFinal(row, "failed", failure.code);
  }

  /** Marks a row failed and undoes its effects: the user's money back, the float restored. */
  async function finishFailed(
    db: PoolClient,
    row: Delivery,
    failure: { code: string; reason: string },
    receipt?: TransactionReceipt,
  ): Promise<void> {
    await markFailed(db, row.id, {
      ...failure,
      ...(receipt ? { blockNumber: receipt.blockNumber, blockHash: receipt.blockHash } : {}),
    });
    if (row.userId && USER_KINDS.has(row.kind)) {
      await options.ledger.postJournal(db, {
        key: journalKey.returned(row.id),
        kind: "delivery.returned",
        memo: `delivery failed (${failure.code}): credits returned`,
        userId: row.userId,
        entries: returnedEntries(row.userId, row.amount),
      });
    }
    // Only a signed row had promised float or approval; a queued one never touched them.
    if (row.nonce !== null) {
      if (spendsFloat(row.kind))
        await adjustFloat(db, { address: row.sender, chainId }, row.amount);
      if (row.kind === "float_mint")
        await adjustFloat(db, { address: row.sender, chainId }, -row.amount);
      if (row.kind === "vault_approve")
        await clearApprovedVault(db, { address: row.sender, chainId });
    }
    await recordAudit(db, {
      actorUserId: null,
      action: `delivery.${row.kind}.failed`,
      subjectType: "delivery",
      subjectId: row.id,
      details: {
        ...failure,
        txHash: row.txHash,
        moneyReturned: row.userId !== null && USER_KINDS.has(row.kind),
      },
    });
  }

  /** Re-executes a reverted transaction on the state before its block to learn the reason. */
  async function replayRevert(
    row: Delivery,
    receipt: TransactionReceipt,
  ): Promise<{ code: string; reason: string }> {
    try {
      const tx = await client.getTransaction({ hash: receipt.transactionHash });
      await client.call({
        account: sender,
        to: tx.to ?? undefined,
        data: tx.input,
        gas: tx.gas,
        blockNumber: receipt.blockNumber - 1n,
      });
      return { code: "reverted", reason: "transaction reverted" };
    } catch (error) {
      log.info({ deliveryId: row.id }, "delivery transaction reverted");
      return revertReason(error);
    }
  }

  function observeFinal(row: Delivery, outcome: "confirmed" | "failed", code?: string): void {
    if (!options.metrics) return;
    options.metrics.deliverySendLatency.observe(
      { kind: row.kind },
      (Date.now() - row.createdAt.getTime()) / 1000,
    );
    if (outcome === "failed")
      options.metrics.deliveryFailures.inc({ kind: row.kind, code: code ?? "failed" });
  }

  async function updateGauges(): Promise<void> {
    if (!options.metrics) return;
    const stats = await outboxStats(pool);
    for (const [status, n] of Object.entries(stats.depth))
      options.metrics.deliveryOutboxDepth.set({ status }, n);
    options.metrics.deliveryOldestQueuedSeconds.set(stats.oldestSeconds);
  }

  async function tick(): Promise<boolean> {
    await ensureSender();
    const signed = await signBatch();
    // In nonce order, so the node never waits on a gap we could have filled.
    await broadcastAll(signed);
    const confirmed = await confirmInFlight();
    const refunded = await refunds.tick();
    await updateGauges();
    return signed.length > 0 || confirmed || refunded;
  }

  async function run(): Promise<void> {
    while (running) {
      let busy = false;
      try {
        busy = await tick();
      } catch (error) {
        log.error({ err: errorText(error) }, "delivery tick failed; retrying");
      }
      if (!running) break;
      if (!busy) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    tick,
    start() {
      if (running) return;
      running = true;
      log.info({ chainId, contracts }, "delivery worker started");
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
}
