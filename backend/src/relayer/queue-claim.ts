import type { PoolClient } from "../db/pool.ts";
import { appendQueued } from "../delivery/delivery-events.ts";
import { insertDelivery } from "../delivery/outbox.repository.ts";
import { conflict, rateLimited } from "../errors.ts";
import { claimFacts, recordClaimStep } from "./claim-records.ts";
import { addReservation, lockToday } from "./gas-budget.repository.ts";
import { assertFits, observeBudget } from "./gas-budget.ts";
import type { PreparedClaim } from "./prepared.ts";
import { type RelayClaimView, relayClaimView } from "./relay.view.ts";
import {
  claimsSince,
  findRelayClaim,
  insertRelayClaim,
  liveClaimedGifts,
} from "./relay-claims.repository.ts";
import { type Caller, type RelayDeps, relayerAddress } from "./relay-context.ts";

export type Reservation = { vault: `0x${string}`; gasLimit: bigint; reserveWei: bigint };

/**
 * Queues a checked claim in the caller's transaction, under the lock of today's budget row, so
 * the per-user and per-IP counts, the per-gift rule and the reservation see every other claim:
 * limits, then gifts in flight, then the budget; then the outbox row, the claim, the reservation,
 * the audit row and the events. Any refusal leaves nothing written.
 */
export async function queueClaim(
  deps: RelayDeps,
  db: PoolClient,
  caller: Caller,
  claim: PreparedClaim,
  r: Reservation,
): Promise<RelayClaimView> {
  const { config } = deps;
  const day = await lockToday(db, config.relayer.dailyBudgetWei);
  await checkLimits(deps, db, caller);
  const inFlight = await liveClaimedGifts(db, config.chainId, r.vault, claim.giftIds);
  if (inFlight.length > 0)
    throw conflict(
      "claim_in_progress",
      `A relayed claim of gift ${inFlight[0]} is already on its way; follow it instead`,
    );
  assertFits(day, r.reserveWei);
  const delivery = await insertDelivery(db, {
    userId: null,
    kind: "relay_claim",
    amount: claim.amount,
    recipient: claim.recipient,
    sender: relayerAddress(config),
    chainId: config.chainId,
  });
  const id = await insertRelayClaim(db, {
    ...claim,
    deliveryId: delivery.id,
    userId: caller.userId ?? null,
    clientIp: caller.ip,
    chainId: config.chainId,
    vault: r.vault,
    gasLimit: r.gasLimit,
    budgetDay: day.day,
    reservedWei: r.reserveWei,
  });
  await addReservation(db, day.day, r.reserveWei);
  await recorded(db, caller, id, claim, r.reserveWei);
  await appendQueued(db, delivery);
  observeBudget(deps.metrics, deps.logger, config.relayer, {
    ...day,
    reservedWei: day.reservedWei + r.reserveWei,
  });
  return relayClaimView(
    (await findRelayClaim(db, id)) as NonNullable<Awaited<ReturnType<typeof findRelayClaim>>>,
  );
}

async function checkLimits(deps: RelayDeps, db: PoolClient, caller: Caller): Promise<void> {
  const { perUserPerDay, perIpPerHour } = deps.config.relayer;
  const refuse = (what: string, windowSeconds: number, oldestAgeSeconds: number) =>
    rateLimited(
      "relay_limit_reached",
      `Too many gas-free claims ${what}; try again later or claim with your own wallet`,
      Math.max(1, Math.ceil(windowSeconds - oldestAgeSeconds)),
    );
  if (caller.userId) {
    const mine = await claimsSince(db, { userId: caller.userId }, 86_400);
    if (mine.count >= perUserPerDay)
      throw refuse("for your account today", 86_400, mine.oldestAgeSeconds);
  }
  const fromIp = await claimsSince(db, { clientIp: caller.ip }, 3600);
  if (fromIp.count >= perIpPerHour)
    throw refuse("from your network this hour", 3600, fromIp.oldestAgeSeconds);
}

async function recorded(
  db: PoolClient,
  caller: Caller,
  id: string,
  claim: PreparedClaim,
  reservedWei: bigint,
): Promise<void> {
  await recordClaimStep(db, {
    type: "relay.claim_queued",
    claimId: id,
    userId: caller.userId ?? null,
    actorUserId: caller.userId ?? null,
    payload: { ...claimFacts(claim), reservedWei: reservedWei.toString() },
    auditExtra: { clientIp: caller.ip },
    requestId: caller.requestId,
  });
}
