import { keccak256 } from "viem";
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import {
  claimQueued,
  type Delivery,
  hasQueued,
  markSigned,
} from "../delivery/outbox.repository.ts";
import { lockSender, updateSender } from "../delivery/senders.repository.ts";
import { finishFailed } from "../delivery/settle.ts";
import type { WorkerContext } from "../delivery/worker-context.ts";
import { observeFinal } from "../delivery/worker-context.ts";
import { minBig } from "../ledger/amounts.ts";
import { claimCalldata } from "./relay-call.ts";
import { findClaimOfDelivery, type RelayClaim } from "./relay-claims.repository.ts";

type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };

/**
 * The relayer's signing step, on the delivery outbox's rails: under the relayer's sender lock,
 * claim queued relay rows, sign each with the next nonce and store the raw transaction before
 * anything is broadcast. Each transaction's fee is capped so gas limit x max fee never exceeds
 * what the claim reserved on the day's budget.
 */
export async function signRelayBatch(ctx: WorkerContext): Promise<Delivery[]> {
  if (!(await hasQueued(ctx.pool, ctx.chainId, "relay"))) return [];
  const fees = await ctx.client.estimateFeesPerGas();
  return withTransaction(ctx.pool, async (db) => {
    const sender = await lockSender(db, ctx.sender, ctx.chainId);
    const rows = await claimQueued(db, ctx.chainId, ctx.config.batchSize, "relay");
    let nonce = sender.nextNonce;
    const signed: Delivery[] = [];
    for (const row of rows) {
      const claim = await findClaimOfDelivery(db, row.id);
      if (!claim) {
        await failUnsignable(ctx, db, row, "relay claim row missing");
        continue;
      }
      signed.push(await signOne(ctx, db, row, claim, nonce, fees));
      nonce += 1n;
    }
    await updateSender(db, { ...sender, nextNonce: nonce });
    return signed;
  });
}

async function signOne(
  ctx: WorkerContext,
  db: PoolClient,
  row: Delivery,
  claim: RelayClaim,
  nonce: bigint,
  fees: Fees,
): Promise<Delivery> {
  const capped = cappedFees(fees, claim.reservedWei / claim.gasLimit);
  const rawTx = await ctx.account.signTransaction({
    chainId: ctx.chainId,
    type: "eip1559",
    nonce: Number(nonce),
    to: claim.vault,
    data: claimCalldata({
      giftIds: claim.giftIds,
      recipient: claim.recipient,
      args: claim.callArgs,
    }),
    gas: claim.gasLimit,
    value: 0n,
    ...capped,
  });
  const tx = { sender: ctx.sender, nonce, rawTx, txHash: keccak256(rawTx), contract: claim.vault };
  await markSigned(db, row.id, { ...tx, token: ctx.contracts.boonToken, expiry: 0n });
  return { ...row, ...tx, status: "signed" };
}

/** Today's fees, never above the reserved price: a fee spike waits instead of overspending. */
export function cappedFees(fees: Fees, maxPrice: bigint): Fees {
  const maxFeePerGas = minBig(fees.maxFeePerGas, maxPrice);
  return { maxFeePerGas, maxPriorityFeePerGas: minBig(fees.maxPriorityFeePerGas, maxFeePerGas) };
}

async function failUnsignable(ctx: WorkerContext, db: PoolClient, row: Delivery, reason: string) {
  await finishFailed(ctx, db, row, { code: "invalid_action", reason });
  observeFinal(ctx, row, "failed", "invalid_action");
}
