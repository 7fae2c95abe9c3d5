import pLimit from "p-limit";
import { type Hex, type TransactionReceipt, TransactionReceiptNotFoundError } from "viem";
import { broadcastAll } from "./broadcast.ts";
import { errorText } from "./chain-client.ts";
import { type Delivery, listInFlight, noteError } from "./outbox.repository.ts";
import { recordReceipt, requeue } from "./settle.ts";
import type { WorkerContext } from "./worker-context.ts";

const IN_FLIGHT_LIMIT = 1000;
// Receipt checks and recordings at once; leaves most of a shared pool to the API.
const CONCURRENCY = 8;

type Verdict = "recorded" | "requeued" | "resend" | "wait";

/** Checks in-flight rows: records final ones, rebroadcasts lost ones, detects a taken nonce. */
export async function confirmInFlight(ctx: WorkerContext): Promise<boolean> {
  const rows = await listInFlight(ctx.pool, ctx.sender, ctx.chainId, IN_FLIGHT_LIMIT);
  if (rows.length === 0) return false;
  const [head, minedNonce] = await Promise.all([
    ctx.client.getBlockNumber(),
    ctx.client.getTransactionCount({ address: ctx.sender, blockTag: "latest" }),
  ]);
  const limit = pLimit(CONCURRENCY);
  const verdicts = await Promise.all(
    rows.map((row) => limit(() => checkSafely(ctx, row, head, BigInt(minedNonce)))),
  );
  // Lowest nonce first, so the node never holds a transaction behind a gap we could fill.
  const resend = rows
    .filter((_, i) => verdicts[i] === "resend")
    .sort((a, b) => (a.nonce !== null && b.nonce !== null && a.nonce < b.nonce ? -1 : 1));
  await broadcastAll(ctx, resend);
  return verdicts.some((v) => v === "recorded" || v === "requeued");
}

async function checkSafely(
  ctx: WorkerContext,
  row: Delivery,
  head: bigint,
  minedNonce: bigint,
): Promise<Verdict> {
  try {
    return await check(ctx, row, head, minedNonce);
  } catch (error) {
    await noteError(ctx.pool, row.id, errorText(error)).catch(() => {});
    ctx.log.warn({ deliveryId: row.id, err: error }, "confirmation check failed; will retry");
    return "wait";
  }
}

async function check(
  ctx: WorkerContext,
  row: Delivery,
  head: bigint,
  minedNonce: bigint,
): Promise<Verdict> {
  const receipt = await receiptOf(ctx, row.txHash as Hex);
  if (receipt) {
    if (head - receipt.blockNumber + 1n < BigInt(ctx.config.confirmations)) return "wait";
    await ctx.crash?.("afterReceipt", row);
    await recordReceipt(ctx, row, receipt);
    return "recorded";
  }
  if (row.nonce !== null && row.nonce < minedNonce) {
    // Our nonce is used on chain but not by our transaction: look once more by hash before
    // concluding (the receipt may have landed between the two reads).
    if (await receiptOf(ctx, row.txHash as Hex)) return "wait";
    // Someone else sends with this key: catch the next nonce up with the chain, and sign the
    // action again (ours can never be mined now that its nonce is spent).
    ctx.resync();
    await requeue(ctx, row, `nonce ${row.nonce} was used by another transaction`);
    return "requeued";
  }
  const stale =
    row.sentAt === null || Date.now() - row.sentAt.getTime() > ctx.config.rebroadcastSeconds * 1000;
  return row.status === "signed" || stale ? "resend" : "wait";
}

async function receiptOf(ctx: WorkerContext, hash: Hex): Promise<TransactionReceipt | undefined> {
  try {
    return await ctx.client.getTransactionReceipt({ hash });
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  }
}
