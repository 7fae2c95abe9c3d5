import type { Queryable } from "../db/pool.ts";

/** Records a gift's refund once per gift id; false when it was already recorded. */
export async function insertGiftRefund(
  db: Queryable,
  r: {
    chainId: number;
    vault: string;
    giftId: bigint;
    deliveryId: string;
    userId: string;
    amount: bigint;
    txHash: string;
    blockNumber: bigint;
    logIndex: number;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO gift_refunds (chain_id, vault, gift_id, delivery_id, user_id, amount, tx_hash,
       block_number, log_index)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      r.chainId,
      r.vault.toLowerCase(),
      r.giftId.toString(),
      r.deliveryId,
      r.userId,
      r.amount.toString(),
      r.txHash,
      r.blockNumber.toString(),
      r.logIndex,
    ],
  );
  return rowCount === 1;
}
