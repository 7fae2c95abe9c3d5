import { useCallback } from "react";
import type { Hash, TransactionReceipt } from "viem";
import { usePublicClient } from "wagmi";
import { useNotices } from "../app/notices.tsx";
import { recordSettledGifts } from "../app/settled-gifts.ts";
import { formatBoon } from "../lib/amount.ts";
import { describeError } from "../lib/contract-errors.ts";

/** A transaction that was mined but reverted (the notice already explained it). */
export class TransactionFailed extends Error {
  readonly hash: Hash;
  constructor(hash: Hash) {
    super(`Transaction ${hash} failed`);
    this.name = "TransactionFailed";
    this.hash = hash;
  }
}

/** Fixes a transaction's caller can carry out when an error names them. */
export type TransactionFixes = {
  /** Lets the vault spend `amount` more (an approve transaction). */
  approve?: (amount: bigint) => Promise<Hash>;
};

/**
 * Runs one wallet transaction with notices for every stage: waiting for the wallet, pending with its
 * hash, then confirmed or failed (contract errors in plain words, with the fix they name as a
 * button when the caller can carry it out).
 */
export function useTransaction(fixes: TransactionFixes = {}) {
  const { notify, update } = useNotices();
  const client = usePublicClient();
  const { approve } = fixes;
  const run = useCallback(
    async (label: string, send: () => Promise<Hash>): Promise<TransactionReceipt> => {
      const id = notify({ tone: "pending", title: `${label}: confirm in your wallet` });
      let hash: Hash;
      try {
        hash = await send();
      } catch (error) {
        const described = describeError(error);
        const fix = described.fix;
        update(id, {
          tone: "error",
          title: `${label}: ${described.title.toLowerCase()}`,
          message: described.message,
          ...(fix && approve
            ? {
                action: {
                  label: `Approve ${formatBoon(fix.amount)} BOON`,
                  run: () => void run("Approving BOON", () => approve(fix.amount)).catch(() => {}),
                },
              }
            : {}),
        });
        throw error;
      }
      update(id, {
        tone: "pending",
        title: `${label}: pending`,
        message: "Waiting for the network to confirm.",
        hash,
      });
      if (!client) throw new Error("No connection to the chain");
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") {
        update(id, {
          tone: "error",
          title: `${label}: failed`,
          message: "The transaction was reverted on chain.",
          hash,
        });
        throw new TransactionFailed(hash);
      }
      recordSettledGifts(receipt.logs ?? []);
      update(id, { tone: "success", title: `${label}: confirmed`, hash });
      return receipt;
    },
    [client, notify, update, approve],
  );
  return run;
}
