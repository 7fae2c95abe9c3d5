// Gas-free claims: checks a claim (gifts from the indexer, signatures, who may ask), simulates it
// from the relayer's address, reserves its maximum fee on today's budget and queues it in the
// delivery outbox, where the relayer's worker (worker.ts) signs and sends it from its own key.
import { custodyAddress } from "../attestations/attestation.service.ts";
import type { Pool } from "../db/pool.ts";
import { withTransaction } from "../db/transaction.ts";
import { DomainError, notFound, unavailable } from "../errors.ts";
import { requestHash } from "../http/idempotency.ts";
import { storedAnswer, withIdempotency } from "../idempotency/idempotency.ts";
import { simulateClaim } from "./claim-checks.ts";
import { type LinkClaimRequest, prepareLinkClaim } from "./link-claims.ts";
import type { PreparedClaim } from "./prepared.ts";
import { queueClaim } from "./queue-claim.ts";
import { type RelayClaimView, relayClaimView } from "./relay.view.ts";
import { findRelayClaim, listUserClaims } from "./relay-claims.repository.ts";
import { type Caller, contractsOf, type RelayDeps, relayerAddress } from "./relay-context.ts";
import { prepareSocialClaim, type SocialClaimRequest } from "./social-claims.ts";

export type RelayRequest = LinkClaimRequest | ({ kind: "social" } & SocialClaimRequest);

const SCOPE = "POST /v1/relay/claims";
/** Gas estimates get this headroom (a batch's cost varies a little with storage state). */
const GAS_HEADROOM_PERCENT = 120n;
const GAS_EXTRA = 10_000n;

export function relayInfo(deps: RelayDeps) {
  const { config } = deps;
  return {
    enabled: config.relayer.enabled && deps.chainClient !== undefined,
    custodyAddress: custodyAddress(config),
    chainId: config.chainId,
    limits: {
      perUserPerDay: config.relayer.perUserPerDay,
      perIpPerHour: config.relayer.perIpPerHour,
    },
  };
}

/**
 * Queues a relayed claim once per Idempotency-Key (signed-in callers; anonymous link claims are
 * kept single by the one-live-claim-per-gift rule). Refusals spend no gas and queue nothing.
 */
export async function requestRelayClaim(
  deps: RelayDeps,
  caller: Caller,
  request: RelayRequest,
): Promise<{ answer: RelayClaimView; replayed: boolean }> {
  const ref =
    caller.userId && caller.idempotencyKey
      ? {
          userId: caller.userId,
          scope: SCOPE,
          key: caller.idempotencyKey,
          requestHash: requestHash(request),
        }
      : undefined;
  try {
    const replay = ref ? await storedAnswer<RelayClaimView>(deps.pool, ref) : undefined;
    if (replay) return replay;
    const client = enabledClient(deps);
    const { giftVault } = await contractsOf(deps).catch(() => {
      throw unavailable("relay_disabled", "The gift vault's address is not known yet");
    });
    const chainNow = (await client.getBlock({ blockTag: "latest" })).timestamp;
    const claim =
      request.kind === "social"
        ? await prepareSocialClaim(deps, caller, request)
        : await prepareLinkClaim(deps, caller, request, chainNow);
    const reservation = await reserveFor(deps, client, giftVault, claim);
    const queue = (db: Parameters<typeof queueClaim>[1]) =>
      queueClaim(deps, db, caller, claim, reservation);
    const result = ref
      ? await withIdempotency(deps.pool, ref, queue)
      : { answer: await withTransaction(deps.pool, queue), replayed: false };
    if (!result.replayed)
      deps.metrics.relayClaims.inc({ kind: claim.kind, outcome: "queued", code: "" });
    return result;
  } catch (error) {
    if (error instanceof DomainError)
      deps.metrics.relayClaims.inc({ kind: request.kind, outcome: "refused", code: error.code });
    throw error;
  }
}

function enabledClient(deps: RelayDeps) {
  if (!deps.config.relayer.enabled || !deps.chainClient)
    throw unavailable(
      "relay_disabled",
      "Gas-free claims are turned off; claim with your own wallet",
    );
  return deps.chainClient;
}

/** The simulation's gas with headroom, and its cost at today's maximum fee: what is reserved. */
async function reserveFor(
  deps: RelayDeps,
  client: NonNullable<RelayDeps["chainClient"]>,
  vault: `0x${string}`,
  claim: PreparedClaim,
) {
  const call = { giftIds: claim.giftIds, recipient: claim.recipient, args: claim.callArgs };
  const estimate = await simulateClaim(client, relayerAddress(deps.config), vault, call);
  const gasLimit = (estimate * GAS_HEADROOM_PERCENT) / 100n + GAS_EXTRA;
  const fees = await client.estimateFeesPerGas();
  return { vault, gasLimit, reserveWei: gasLimit * fees.maxFeePerGas };
}

/**
 * A claim by id: wallet link claims are public (their id is the capability); claims into credits
 * and social claims only for the user who made them (404 for anyone else).
 */
export async function readRelayClaim(
  pool: Pool,
  id: string,
  userId: string | undefined,
): Promise<RelayClaimView> {
  const claim = await findRelayClaim(pool, id);
  const isPublic = claim?.destination === "wallet" && claim.kind !== "social";
  if (!claim || (!isPublic && claim.userId !== userId))
    throw notFound("relay_claim_not_found", "No such relayed claim");
  return relayClaimView(claim);
}

export async function listMyRelayClaims(pool: Pool, userId: string) {
  return { items: (await listUserClaims(pool, userId, 100)).map(relayClaimView) };
}
