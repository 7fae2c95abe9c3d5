import { escrowedGift } from "@boon/contracts";
import { type Address, getAddress, type Hex } from "viem";
import { custodyAddress } from "../attestations/attestation.service.ts";
import { conflict, gone, invalid, notFound, unauthenticated, unprocessable } from "../errors.ts";
import { checkLinkSignature, toCompact } from "./claim-checks.ts";
import { findIndexedGift, type IndexedGift } from "./gifts.repository.ts";
import type { PreparedClaim } from "./prepared.ts";
import type { Compact, StoredGift } from "./relay-claims.repository.ts";
import { type Caller, contractsOf, type RelayDeps } from "./relay-context.ts";

export type LinkClaimRequest = {
  kind: "link" | "link_batch";
  to: Address;
  claims: { giftId: bigint; signature: Hex }[];
};

/**
 * Checks link claims before anything costs gas: each gift exists in the indexer's views, is open
 * and unexpired, and its link key signed LinkClaim(giftId, to). Paying the custody address means
 * "into my Boon credits": only for a signed-in caller.
 */
export async function prepareLinkClaim(
  deps: RelayDeps,
  caller: Caller,
  request: LinkClaimRequest,
  chainNow: bigint,
): Promise<PreparedClaim> {
  const to = getAddress(request.to);
  const destination = to === custodyAddress(deps.config) ? "credits" : "wallet";
  if (destination === "credits" && !caller.userId)
    throw unauthenticated("unauthenticated", "Sign in to claim gifts into your Boon credits");
  const ids = request.claims.map((c) => c.giftId);
  if (new Set(ids).size !== ids.length) throw invalid("duplicate_gift", "A gift appears twice");
  const contracts = await contractsOf(deps);
  const gifts: StoredGift[] = [];
  const signatures: Compact[] = [];
  for (const claim of request.claims) {
    const gift = await openLinkGift(deps, claim.giftId, chainNow);
    if (destination === "credits" && getAddress(gift.token) !== contracts.boonToken)
      throw unprocessable("token_not_creditable", "Only BOON gifts can become Boon credits");
    const signature = toCompact(claim.signature);
    const chain = { chainId: deps.config.chainId, vault: contracts.giftVault };
    await checkLinkSignature(chain, { ...claim, to, linkKey: gift.recipient as Hex, signature });
    gifts.push(storedGift(gift));
    signatures.push(signature);
  }
  return {
    kind: request.kind,
    destination,
    recipient: to,
    giftIds: ids,
    callArgs: { kind: "link", gifts, signatures },
    amount: gifts.reduce((sum, g) => sum + BigInt(g.amount), 0n),
    attestationId: null,
  };
}

async function openLinkGift(deps: RelayDeps, giftId: bigint, chainNow: bigint) {
  const { viewsSchema } = deps.config.events.onchain;
  const gift = await findIndexedGift(deps.pool, viewsSchema, giftId);
  if (gift?.kind !== "link")
    throw notFound("gift_not_found", `No claim-link gift ${giftId} is known (yet)`);
  if (gift.status !== "pending")
    throw conflict("gift_already_claimed", "This gift was already claimed or refunded");
  if (gift.expiry <= chainNow)
    throw gone("gift_expired", "This gift has expired: only its sender can take it back now");
  return gift;
}

export function storedGift(
  gift: Pick<IndexedGift, "token" | "sender" | "kind" | "recipient" | "amount" | "expiry">,
): StoredGift {
  const struct = escrowedGift({
    token: getAddress(gift.token),
    sender: getAddress(gift.sender),
    kind: gift.kind as "link" | "social",
    recipient: gift.recipient as Hex,
    amount: gift.amount,
    expiry: gift.expiry,
  });
  return { ...struct, amount: struct.amount.toString() };
}
