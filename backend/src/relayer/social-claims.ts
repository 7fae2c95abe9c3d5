import { type Address, getAddress } from "viem";
import { custodyAddress, issueAttestation } from "../attestations/attestation.service.ts";
import { DomainError, notAllowed, notFound, unauthenticated } from "../errors.ts";
import { listOpenXGifts } from "../social/open-gifts.service.ts";
import { findXAccountOfUser } from "../social/x-accounts.repository.ts";
import { isWalletOf } from "../users/user.repository.ts";
import type { PreparedClaim } from "./prepared.ts";
import type { StoredGift } from "./relay-claims.repository.ts";
import { type Caller, contractsOf, type RelayDeps } from "./relay-context.ts";

export type SocialClaimRequest = { to: { wallet: Address } | { credits: true } };

const xAccountNotLinked = () =>
  notFound("x_account_not_linked", "Sign in with X (or link your X account) to claim its gifts");

/**
 * Every open gift of the caller's linked X account, to a wallet the caller proved by SIWE or into
 * their Boon credits, with an attestation from the verifier (the attestation service signs,
 * stores and audits it).
 */
export async function prepareSocialClaim(
  deps: RelayDeps,
  caller: Caller,
  request: SocialClaimRequest,
): Promise<PreparedClaim> {
  const userId = caller.userId;
  if (!userId) throw unauthenticated("unauthenticated", "Sign in with X to claim its gifts");
  if (!(await findXAccountOfUser(deps.pool, userId))) throw xAccountNotLinked();
  const credits = !("wallet" in request.to);
  const wallet =
    "wallet" in request.to ? getAddress(request.to.wallet) : custodyAddress(deps.config);
  if (!credits && !(await isWalletOf(deps.pool, userId, wallet)))
    throw notAllowed(
      "wallet_not_proven",
      "Gifts are paid only to a wallet you proved is yours: sign in with it (SIWE) first",
    );
  const open = await listOpenXGifts(deps.social, userId).catch((error: unknown) => {
    throw error instanceof DomainError && error.code === "x_not_linked"
      ? xAccountNotLinked()
      : error;
  });
  const { boonToken } = await contractsOf(deps);
  // Only BOON becomes credits; gifts of other tokens stay open for a wallet claim.
  const gifts = open.gifts.filter((g) => !credits || g.token === boonToken);
  if (gifts.length === 0)
    throw notFound("no_open_gifts", "Your X account has no open gifts to claim right now");
  const attestation = await issueAttestation(
    { ...deps, signer: deps.verifier, contracts: () => contractsOf(deps) },
    {
      userId,
      to: credits ? { credits: true } : { wallet },
      giftIds: gifts.map((g) => BigInt(g.giftId)),
      requestId: caller.requestId,
    },
  );
  const stored: StoredGift[] = gifts.map((g) => ({
    ...g.claim,
    recipient: g.claim.recipient as `0x${string}`,
  }));
  return {
    kind: "social",
    destination: credits ? "credits" : "wallet",
    recipient: wallet,
    giftIds: gifts.map((g) => BigInt(g.giftId)),
    callArgs: {
      kind: "social",
      gifts: stored,
      deadline: attestation.deadline,
      attestation: attestation.compact,
    },
    amount: gifts.reduce((sum, g) => sum + BigInt(g.amount), 0n),
    attestationId: attestation.id,
  };
}
