import type { TransactionReceipt } from "viem";
import { custodyAddress } from "../attestations/attestation.service.ts";
import type { Config } from "../config.ts";
import type { PoolClient } from "../db/pool.ts";
import { giftRefundEntries } from "../delivery/delivery-journals.ts";
import type { Delivery } from "../delivery/outbox.repository.ts";
import { adjustFloat } from "../delivery/senders.repository.ts";
import type { SettleHooks } from "../delivery/worker-context.ts";
import { appendEvent } from "../events/append-event.ts";
import type { LedgerService } from "../ledger/ledger.service.ts";
import type { Logger } from "../ops/logger.ts";
import type { Metrics } from "../ops/metrics.ts";
import { claimFacts, recordClaimStep } from "./claim-records.ts";
import { readToday, settleReservation } from "./gas-budget.repository.ts";
import { observeBudget } from "./gas-budget.ts";
import { findClaimOfDelivery, finishClaim, type RelayClaim } from "./relay-claims.repository.ts";

export type RelayHookDeps = {
  config: Config;
  ledger: LedgerService;
  logger: Logger;
  metrics: Metrics | undefined;
};

/** Journal key of a claim's credits: one journal per relayed claim, whatever retries or crashes. */
export const creditJournalKey = (claimId: string) => `relay:${claimId}:credited`;

/**
 * The relayer's part of a final outbox row, in the transaction that records it: the claim's
 * outcome, its real gas cost against the reservation, and, for a confirmed claim into credits, the
 * user's credits (exactly once: the claim row is locked and the journal key is unique).
 */
export function relaySettleHooks(deps: RelayHookDeps): SettleHooks {
  return {
    async confirmed(db, row, receipt) {
      const claim = await findClaimOfDelivery(db, row.id);
      if (!claim || claim.outcome) return;
      const costWei = receipt.gasUsed * receipt.effectiveGasPrice;
      await finishClaim(db, claim.id, { outcome: "confirmed", spentWei: costWei });
      await settleReservation(db, claim.budgetDay, claim.reservedWei, costWei);
      if (claim.destination === "credits" && claim.userId)
        await creditUser(deps, db, claim, claim.userId, receipt);
      await confirmedRecords(db, claim, receipt, costWei);
      await observe(deps, db, claim, "confirmed", "");
    },
    async failed(db, row, failure, receipt) {
      const claim = await findClaimOfDelivery(db, row.id);
      if (!claim || claim.outcome) return;
      const costWei = receipt ? receipt.gasUsed * receipt.effectiveGasPrice : 0n;
      await finishClaim(db, claim.id, {
        outcome: "failed",
        spentWei: costWei,
        code: failure.code,
        message: failure.reason,
      });
      await settleReservation(db, claim.budgetDay, claim.reservedWei, costWei);
      await failedRecords(db, claim, row, failure, costWei);
      await observe(deps, db, claim, "failed", failure.code);
    },
  };
}

async function creditUser(
  deps: RelayHookDeps,
  db: PoolClient,
  claim: RelayClaim,
  userId: string,
  receipt: TransactionReceipt,
): Promise<void> {
  // The claimed tokens now sit in the treasury (the custody address): future gifts can use them.
  await adjustFloat(
    db,
    { address: custodyAddress(deps.config), chainId: claim.chainId },
    claim.amount,
  );
  await deps.ledger.openUserAccount(db, userId);
  await deps.ledger.postJournal(db, {
    key: creditJournalKey(claim.id),
    kind: "relay.claim_credited",
    memo: `gifts ${claim.giftIds.join(", ")} claimed into custody in ${receipt.transactionHash}`,
    userId,
    entries: giftRefundEntries(userId, claim.amount),
  });
  await appendEvent(db, {
    type: "credits.claimed",
    subject: { type: "relay_claim", id: claim.id },
    userId,
    payload: {
      claimId: claim.id,
      giftIds: claim.giftIds.map(String),
      amount: claim.amount.toString(),
      txHash: receipt.transactionHash,
    },
  });
}

async function confirmedRecords(
  db: PoolClient,
  claim: RelayClaim,
  receipt: TransactionReceipt,
  costWei: bigint,
): Promise<void> {
  await recordClaimStep(db, {
    type: "relay.claim_confirmed",
    claimId: claim.id,
    userId: claim.userId,
    actorUserId: null,
    payload: {
      ...claimFacts(claim),
      txHash: receipt.transactionHash,
      blockNumber: receipt.blockNumber.toString(),
      gasUsed: receipt.gasUsed.toString(),
      costWei: costWei.toString(),
    },
  });
}

async function failedRecords(
  db: PoolClient,
  claim: RelayClaim,
  row: Delivery,
  failure: { code: string; reason: string },
  costWei: bigint,
): Promise<void> {
  await recordClaimStep(db, {
    type: "relay.claim_failed",
    claimId: claim.id,
    userId: claim.userId,
    actorUserId: null,
    payload: {
      kind: claim.kind,
      destination: claim.destination,
      ...failure,
      txHash: row.txHash,
      costWei: costWei.toString(),
    },
  });
}

async function observe(
  deps: RelayHookDeps,
  db: PoolClient,
  claim: RelayClaim,
  outcome: "confirmed" | "failed",
  code: string,
): Promise<void> {
  if (!deps.metrics) return;
  deps.metrics.relayClaims.inc({ kind: claim.kind, outcome, code });
  const day = await readToday(db);
  if (day) observeBudget(deps.metrics, deps.logger, deps.config.relayer, day);
}
