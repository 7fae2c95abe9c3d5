import { giftVaultAbi } from "@boon/contracts";
import { type Address, getAbiItem, parseEventLogs, zeroHash } from "viem";
import { recordAudit } from "../audit/audit.repository.ts";
import { readCursor, writeCursor } from "../db/chain-cursors.repository.ts";
import { isUniqueViolation, withTransaction } from "../db/transaction.ts";
import { appendDeliveryEvent, appendQueued } from "./delivery-events.ts";
import { giftRefundEntries, journalKey } from "./delivery-journals.ts";
import { insertGiftRefund } from "./gift-refunds.repository.ts";
import {
  closeEscrow,
  type Delivery,
  expiredOpenGifts,
  findGiftForRefund,
  firstEscrowBlock,
  insertDelivery,
  soonestOpenEscrowExpiry,
} from "./outbox.repository.ts";
import { adjustFloat } from "./senders.repository.ts";
import { auditRow } from "./settle.ts";
import type { WorkerContext } from "./worker-context.ts";

/** Blocks per eth_getLogs call, well under common provider limits. */
const LOG_RANGE = 2000n;
const EXPIRED_BATCH = 100;

/**
 * Card-paid escrowed gifts that expire unclaimed come back to the buyer, each worker tick:
 * - a refund action is queued for each expired open gift (anyone may refund; the worker does);
 * - the vault's GiftRefunded logs are read, whoever sent the refund and whichever treasury key sent
 *   the gift, and the buyer of a card-paid gift is credited once per gift id (gift_refunds primary
 *   key) in the same transaction as the journal.
 */
export async function handleRefunds(ctx: WorkerContext): Promise<boolean> {
  const queued = await queueExpiredRefunds(ctx);
  const credited = await scanRefundLogs(ctx);
  return queued || credited;
}

async function queueExpiredRefunds(ctx: WorkerContext): Promise<boolean> {
  const { pool, client, contracts, chainId } = ctx;
  const next = await soonestOpenEscrowExpiry(pool, chainId);
  if (next === undefined) return false;
  // Expiry is judged by chain time, the clock the vault itself uses.
  const block = await client.getBlock({ blockTag: "latest" });
  if (block.timestamp < next) return false;
  // The vault refuses refunds while paused: wait rather than queue actions bound to fail.
  const paused = await client.readContract({
    address: contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "paused",
  });
  if (paused) return false;
  let queued = false;
  for (const gift of await expiredOpenGifts(pool, chainId, block.timestamp, EXPIRED_BATCH)) {
    if (gift.giftId === null || gift.userId === null || !gift.contract) continue;
    const commitment = await client.readContract({
      address: gift.contract as Address,
      abi: giftVaultAbi,
      functionName: "giftCommitment",
      args: [gift.giftId],
    });
    try {
      if (await queueRefund(ctx, gift, commitment === zeroHash)) queued = true;
    } catch (error) {
      // Another worker queued this gift's refund first: one live refund per gift is enough.
      if (!isUniqueViolation(error, "deliveries_one_refund")) throw error;
    }
  }
  return queued;
}

/** Queues the refund of one expired gift, or closes it when the vault no longer holds it. */
async function queueRefund(ctx: WorkerContext, gift: Delivery, gone: boolean): Promise<boolean> {
  return withTransaction(ctx.pool, async (db) => {
    if (gone) {
      // Claimed, or refunded by someone else (its log credits the buyer): nothing to send.
      await closeEscrow(db, gift.id);
      return false;
    }
    const refund = await insertDelivery(db, {
      userId: gift.userId,
      kind: "gift_refund",
      amount: gift.amount,
      recipient: gift.recipient,
      recipientLabel: gift.recipientLabel,
      refundOf: gift.id,
      sender: ctx.sender,
      chainId: ctx.chainId,
    });
    await auditRow(db, refund, "requested", { refundOf: gift.id, giftId: gift.giftId });
    await appendQueued(db, refund);
    return true;
  });
}

/** Reads GiftRefunded logs up to the confirmed head and credits each card-paid gift once. */
async function scanRefundLogs(ctx: WorkerContext): Promise<boolean> {
  const { pool, client, contracts, chainId } = ctx;
  const cursorName = `gift_refunded:${chainId}:${contracts.giftVault.toLowerCase()}`;
  const head = await client.getBlockNumber();
  const safeHead = head - BigInt(ctx.config.confirmations - 1);
  const cursor = await readCursor(pool, cursorName);
  const first = cursor === undefined ? await firstEscrowBlock(pool, chainId) : undefined;
  if (cursor === undefined && first === undefined) return false;
  let from: bigint = cursor ?? (first as bigint) - 1n;
  let credited = false;
  while (from < safeHead) {
    const to: bigint = from + LOG_RANGE < safeHead ? from + LOG_RANGE : safeHead;
    const logs = await client.getLogs({
      address: contracts.giftVault,
      event: getAbiItem({ abi: giftVaultAbi, name: "GiftRefunded" }),
      fromBlock: from + 1n,
      toBlock: to,
    });
    for (const event of parseEventLogs({ abi: giftVaultAbi, eventName: "GiftRefunded", logs })) {
      if (await creditRefund(ctx, event.args.giftId, event.args.amount, event)) credited = true;
    }
    await writeCursor(pool, cursorName, to);
    from = to;
  }
  return credited;
}

/** Credits the buyer of a refunded card-paid gift, once per gift id. */
async function creditRefund(
  ctx: WorkerContext,
  giftId: bigint,
  amount: bigint,
  event: { transactionHash: `0x${string}`; blockNumber: bigint; logIndex: number },
): Promise<boolean> {
  const { chainId, contracts } = ctx;
  const credited = await withTransaction(ctx.pool, async (db) => {
    const gift = await findGiftForRefund(db, chainId, contracts.giftVault, giftId);
    if (!gift || gift.userId === null) return undefined;
    const inserted = await insertGiftRefund(db, {
      chainId,
      vault: contracts.giftVault,
      giftId,
      deliveryId: gift.id,
      userId: gift.userId,
      amount,
      txHash: event.transactionHash,
      blockNumber: event.blockNumber,
      logIndex: event.logIndex,
    });
    if (!inserted) return undefined;
    await ctx.ledger.postJournal(db, {
      key: journalKey.giftRefund(giftId),
      kind: "delivery.gift_refunded",
      memo: `gift ${giftId} expired unclaimed and was refunded`,
      userId: gift.userId,
      entries: giftRefundEntries(gift.userId, amount),
    });
    // The refunded tokens are back in the treasury: the float can pay future gifts with them.
    await adjustFloat(db, { address: gift.sender, chainId }, amount);
    await closeEscrow(db, gift.id);
    const txHash = event.transactionHash;
    await recordAudit(db, {
      actorUserId: null,
      action: "delivery.gift_refund.credited",
      subjectType: "delivery",
      subjectId: gift.id,
      details: { giftId, amount, txHash },
    });
    await appendDeliveryEvent(db, "gift.refund_credited", gift, {
      giftId: giftId.toString(),
      amount: amount.toString(),
      txHash,
    });
    return gift;
  });
  if (!credited) return false;
  ctx.log.info(
    { deliveryId: credited.id, giftId: giftId.toString() },
    "expired gift refunded to its buyer",
  );
  return true;
}
