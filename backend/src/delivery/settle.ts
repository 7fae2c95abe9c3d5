import type { Address, TransactionReceipt } from "viem";
import { recordAudit } from "../audit/audit.repository.ts";
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/append-event.ts";
import { giftIdFromReceipt, spendsFloat } from "./actions.ts";
import { revertReason } from "./chain-client.ts";
import { deliveredEntries, journalKey, returnedEntries } from "./delivery-journals.ts";
import {
  type Delivery,
  findDelivery,
  markConfirmed,
  markFailed,
  requeueDelivery,
} from "./outbox.repository.ts";
import { adjustFloat, clearApprovedVault } from "./senders.repository.ts";
import {
  HOUSEKEEPING_KINDS,
  observeFinal,
  USER_KINDS,
  type WorkerContext,
} from "./worker-context.ts";

// The last step of a row: its final state, journal, audit row and event, in one transaction each.

export type Failure = { code: string; reason: string };

/** Records a final receipt, with its journal and event, in one transaction. */
export async function recordReceipt(
  ctx: WorkerContext,
  row: Delivery,
  receipt: TransactionReceipt,
): Promise<void> {
  if (receipt.status === "reverted") {
    await recordFailure(ctx, row, await replayRevert(ctx, row, receipt), receipt);
    return;
  }
  await withTransaction(ctx.pool, async (db) => {
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
      await ctx.ledger.postJournal(db, {
        key: journalKey.delivered(row.id),
        kind: "delivery.delivered",
        memo: `delivered on chain in ${receipt.transactionHash}`,
        userId: current.userId,
        entries: deliveredEntries(current.amount),
      });
    }
    await ctx.hooks?.confirmed(db, current, receipt);
    const details = { txHash: receipt.transactionHash, blockNumber: receipt.blockNumber, giftId };
    await auditRow(db, current, "confirmed", details);
    await appendEvent(db, {
      type: "delivery.confirmed",
      subject: { type: "delivery", id: row.id },
      userId: current.userId,
      payload: {
        kind: current.kind,
        amount: current.amount.toString(),
        txHash: receipt.transactionHash,
        blockNumber: receipt.blockNumber.toString(),
        giftId: giftId?.toString() ?? null,
      },
    });
    await ctx.crash?.("beforeRecord", current);
  });
  observeFinal(ctx, row, "confirmed");
}

/** Ends a row as failed (if it is not final yet), in its own transaction. */
export async function recordFailure(
  ctx: WorkerContext,
  row: Delivery,
  failure: Failure,
  receipt?: TransactionReceipt,
): Promise<void> {
  await withTransaction(ctx.pool, async (db) => {
    const current = await findDelivery(db, row.id, { forUpdate: true });
    if (!current || current.status === "confirmed" || current.status === "failed") return;
    await finishFailed(ctx, db, current, failure, receipt);
    await ctx.crash?.("beforeRecord", current);
  });
  observeFinal(ctx, row, "failed", failure.code);
}

/** Marks a row failed and undoes its effects: the user's money back, the float restored. */
export async function finishFailed(
  ctx: WorkerContext,
  db: PoolClient,
  row: Delivery,
  failure: Failure,
  receipt?: TransactionReceipt,
): Promise<void> {
  await markFailed(db, row.id, {
    ...failure,
    ...(receipt ? { blockNumber: receipt.blockNumber, blockHash: receipt.blockHash } : {}),
  });
  const moneyReturned = row.userId !== null && USER_KINDS.has(row.kind);
  if (row.userId && moneyReturned) await returnCredits(ctx, db, row, row.userId, failure);
  if (row.nonce !== null) await undoTreasuryEffects(ctx, db, row);
  await ctx.hooks?.failed(db, row, failure, receipt);
  await auditRow(db, row, "failed", { ...failure, txHash: row.txHash, moneyReturned });
  await appendEvent(db, {
    type: "delivery.failed",
    subject: { type: "delivery", id: row.id },
    userId: row.userId,
    payload: { kind: row.kind, amount: row.amount.toString(), ...failure, moneyReturned },
  });
}

async function returnCredits(
  ctx: WorkerContext,
  db: PoolClient,
  row: Delivery,
  userId: string,
  failure: Failure,
): Promise<void> {
  await ctx.ledger.postJournal(db, {
    key: journalKey.returned(row.id),
    kind: "delivery.returned",
    memo: `delivery failed (${failure.code}): credits returned`,
    userId,
    entries: returnedEntries(userId, row.amount),
  });
  await appendEvent(db, {
    type: "credits.returned",
    subject: { type: "delivery", id: row.id },
    userId,
    payload: { deliveryId: row.id, amount: row.amount.toString(), code: failure.code },
  });
}

/** Only a signed row had promised float or approval; a queued one never touched them. */
async function undoTreasuryEffects(ctx: WorkerContext, db: PoolClient, row: Delivery) {
  const sender = { address: row.sender, chainId: ctx.chainId };
  if (spendsFloat(row.kind)) await adjustFloat(db, sender, row.amount);
  if (row.kind === "float_mint") await adjustFloat(db, sender, -row.amount);
  if (row.kind === "vault_approve") await clearApprovedVault(db, sender);
}

/**
 * Puts a row whose nonce another transaction took back in the queue. Safe: no transaction with
 * its old hash can ever be mined. Treasury housekeeping is not retried (the next batch plans its
 * own); a user's action or a relayed claim is, so nothing is lost.
 */
export async function requeue(ctx: WorkerContext, row: Delivery, why: string): Promise<void> {
  if (HOUSEKEEPING_KINDS.has(row.kind)) {
    await recordFailure(ctx, row, { code: "nonce_taken", reason: why });
    return;
  }
  await withTransaction(ctx.pool, async (db) => {
    const current = await findDelivery(db, row.id, { forUpdate: true });
    if (!current || (current.status !== "signed" && current.status !== "sent")) return;
    await requeueDelivery(db, row.id, why);
    if (spendsFloat(row.kind))
      await adjustFloat(db, { address: row.sender, chainId: ctx.chainId }, row.amount);
    await auditRow(db, row, "requeued", {
      reason: why,
      oldTxHash: row.txHash,
      oldNonce: row.nonce,
    });
    await appendEvent(db, {
      type: "delivery.requeued",
      subject: { type: "delivery", id: row.id },
      userId: row.userId,
      payload: { kind: row.kind, reason: why },
    });
  });
  ctx.log.warn({ deliveryId: row.id, nonce: row.nonce?.toString() }, why);
}

/** Re-executes a reverted transaction on the state before its block to learn the reason. */
async function replayRevert(
  ctx: WorkerContext,
  row: Delivery,
  receipt: TransactionReceipt,
): Promise<Failure> {
  try {
    const tx = await ctx.client.getTransaction({ hash: receipt.transactionHash });
    await ctx.client.call({
      account: ctx.sender,
      to: tx.to ?? undefined,
      data: tx.input,
      gas: tx.gas,
      blockNumber: receipt.blockNumber - 1n,
    });
    return { code: "reverted", reason: "transaction reverted" };
  } catch (error) {
    ctx.log.info({ deliveryId: row.id }, "delivery transaction reverted");
    return revertReason(error);
  }
}

export function auditRow(
  db: PoolClient,
  row: Delivery,
  step: string,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(db, {
    actorUserId: null,
    action: `delivery.${row.kind}.${step}`,
    subjectType: "delivery",
    subjectId: row.id,
    details,
  });
}
