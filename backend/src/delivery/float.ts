import type { DeliveryKind } from "./actions.ts";
import { spendsFloat } from "./actions.ts";

export type FloatPlan = {
  /** BOON to mint to the treasury before the batch (0n = none needed). */
  mint: bigint;
  /** Whether to approve the vault before the batch. */
  approve: boolean;
  /** The float left once the batch's gifts are promised. */
  floatAfter: bigint;
};

/**
 * Plans the treasury housekeeping a batch needs. Gifts pull BOON from the treasury, so before them
 * (lower nonces, so they mine first) it mints a top-up of `topUp` beyond what the batch needs when
 * the float runs short, and approves the vault once. Pure: the caller holds the sender lock.
 */
export function planFloat(input: {
  floatAvailable: bigint;
  approvedVault: string | null;
  vault: string;
  topUp: bigint;
  batch: readonly { kind: DeliveryKind; amount: bigint }[];
}): FloatPlan {
  const needed = input.batch
    .filter((row) => spendsFloat(row.kind))
    .reduce((sum, row) => sum + row.amount, 0n);
  if (needed === 0n) return { mint: 0n, approve: false, floatAfter: input.floatAvailable };
  const mint = input.floatAvailable >= needed ? 0n : needed - input.floatAvailable + input.topUp;
  return {
    mint,
    approve: input.approvedVault?.toLowerCase() !== input.vault.toLowerCase(),
    floatAfter: input.floatAvailable + mint - needed,
  };
}
