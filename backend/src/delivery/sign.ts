import { giftVaultAbi } from "@boon/contracts";
import { type Address, keccak256 } from "viem";
import type { PoolClient } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { type Action, actionCall, spendsFloat } from "./actions.ts";
import { errorText } from "./chain-client.ts";
import { appendQueued } from "./delivery-events.ts";
import { escrowExpiry } from "./expiry.ts";
import { planFloat } from "./float.ts";
import {
  claimQueued,
  type Delivery,
  findDelivery,
  hasQueued,
  insertDelivery,
  markSigned,
} from "./outbox.repository.ts";
import { lockSender, type Sender, updateSender } from "./senders.repository.ts";
import { auditRow, finishFailed } from "./settle.ts";
import { observeFinal, type WorkerContext } from "./worker-context.ts";

type ChainState = { fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }; now: bigint };

/**
 * Reserves nonces and signs a batch of queued rows under the sender's lock, persisting each raw
 * transaction before anything is broadcast (the crash-safety point). Returns the signed rows in
 * nonce order.
 */
export async function signBatch(ctx: WorkerContext): Promise<Delivery[]> {
  if (!(await hasQueued(ctx.pool, ctx.chainId))) return [];
  // Chain reads happen before the transaction so no lock waits on the RPC.
  const [fees, block, paused] = await Promise.all([
    ctx.client.estimateFeesPerGas(),
    ctx.client.getBlock({ blockTag: "latest" }),
    ctx.client.readContract({
      address: ctx.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "paused",
    }),
  ]);
  const chain: ChainState = { fees, now: block.timestamp };
  return withTransaction(ctx.pool, async (db) => {
    const sender = await lockSender(db, ctx.sender, ctx.chainId);
    const sendable = await claimSendable(ctx, db, paused);
    const plan = planFloat({
      floatAvailable: sender.floatAvailable,
      approvedVault: sender.approvedVault,
      vault: ctx.contracts.giftVault,
      topUp: ctx.config.floatAmount,
      batch: sendable,
    });
    const housekeeping = await addHousekeeping(ctx, db, plan);
    const signed = await signRows(ctx, db, [...housekeeping, ...sendable], sender, chain);
    await updateSender(db, {
      address: ctx.sender,
      chainId: ctx.chainId,
      nextNonce: signed.nextNonce,
      floatAvailable: plan.floatAfter + signed.floatReturned,
      approvedVault: plan.approve ? ctx.contracts.giftVault : sender.approvedVault,
    });
    return signed.rows;
  });
}

/** Queued rows to sign now; gifts claimed while the vault is paused fail at once (money back). */
async function claimSendable(ctx: WorkerContext, db: PoolClient, paused: boolean) {
  const rows = await claimQueued(db, ctx.chainId, ctx.config.batchSize);
  const sendable: Delivery[] = [];
  for (const row of rows) {
    const needsVault =
      row.kind !== "withdrawal" && row.kind !== "float_mint" && row.kind !== "vault_approve";
    if (paused && needsVault) {
      await finishFailed(ctx, db, row, {
        code: "vault_paused",
        reason: "The gift vault is paused",
      });
      observeFinal(ctx, row, "failed", "vault_paused");
    } else sendable.push(row);
  }
  return sendable;
}

/** Treasury actions the batch needs first (vault approval, float top-up), in nonce order. */
async function addHousekeeping(
  ctx: WorkerContext,
  db: PoolClient,
  plan: { approve: boolean; mint: bigint },
): Promise<Delivery[]> {
  const rows: Delivery[] = [];
  if (plan.approve)
    rows.push(await addTreasuryAction(ctx, db, "vault_approve", 0n, ctx.contracts.giftVault));
  if (plan.mint > 0n)
    rows.push(await addTreasuryAction(ctx, db, "float_mint", plan.mint, ctx.sender));
  return rows;
}

async function addTreasuryAction(
  ctx: WorkerContext,
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
    sender: ctx.sender,
    chainId: ctx.chainId,
  });
  await auditRow(db, row, "requested", { amount, recipient });
  await appendQueued(db, row);
  return row;
}

/** Signs each row with the next nonce and stores the raw transaction; unsignable rows fail. */
async function signRows(
  ctx: WorkerContext,
  db: PoolClient,
  rows: readonly Delivery[],
  sender: Sender,
  chain: ChainState,
): Promise<{ rows: Delivery[]; nextNonce: bigint; floatReturned: bigint }> {
  let nonce = sender.nextNonce;
  let floatReturned = 0n;
  const signed: Delivery[] = [];
  for (const row of rows) {
    const expiry =
      row.kind === "gift_social" || row.kind === "gift_link"
        ? escrowExpiry(chain.now, row.lifetimeSeconds, ctx.config)
        : 0n;
    let call: ReturnType<typeof actionCall>;
    try {
      call = actionCall({ ...(await actionOf(db, row)), expiry }, ctx.sender, ctx.contracts);
    } catch (error) {
      // A row that cannot become a transaction must not block the queue behind it.
      await finishFailed(ctx, db, row, { code: "invalid_action", reason: errorText(error) });
      observeFinal(ctx, row, "failed", "invalid_action");
      if (spendsFloat(row.kind)) floatReturned += row.amount;
      continue;
    }
    const rawTx = await ctx.account.signTransaction({
      chainId: ctx.chainId,
      type: "eip1559",
      nonce: Number(nonce),
      to: call.to,
      data: call.data,
      gas: call.gas,
      value: 0n,
      ...chain.fees,
    });
    const tx = { sender: ctx.sender, nonce, rawTx, txHash: keccak256(rawTx), contract: call.to };
    await markSigned(db, row.id, { ...tx, token: ctx.contracts.boonToken, expiry });
    signed.push({ ...row, ...tx, status: "signed", expiry });
    nonce += 1n;
  }
  return { rows: signed, nextNonce: nonce, floatReturned };
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
