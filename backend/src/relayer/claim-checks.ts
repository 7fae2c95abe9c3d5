import { compactSignature, giftVaultDomain, linkClaimTypes } from "@boon/contracts";
import {
  type Address,
  compactSignatureToSignature,
  type Hex,
  type PublicClient,
  recoverTypedDataAddress,
  serializeSignature,
} from "viem";
import { conflict, type DomainError, gone, unprocessable } from "../errors.ts";
import { type ClaimCall, claimFunction, revertErrorName } from "./relay-call.ts";
import type { Compact } from "./relay-claims.repository.ts";

// The checks a claim passes before it may cost gas: the link key's signature, then the vault's
// own verdict (a simulation from the relayer's address, nothing sent).

export const invalidSignature = () =>
  unprocessable(
    "invalid_signature",
    "The signature is not the link key's LinkClaim(giftId, to) for this gift and recipient",
  );

/** A 65-byte or EIP-2098 64-byte signature in the compact form the vault takes. */
export function toCompact(signature: Hex): Compact {
  try {
    if (signature.length === 130)
      return { r: signature.slice(0, 66) as Hex, yParityAndS: `0x${signature.slice(66)}` as Hex };
    return compactSignature(signature);
  } catch {
    throw invalidSignature();
  }
}

/** Refuses a signature that does not recover to the gift's link key for (giftId, to). */
export async function checkLinkSignature(
  chain: { chainId: number; vault: Address },
  claim: { giftId: bigint; to: Address; linkKey: Hex; signature: Compact },
): Promise<void> {
  let signer: Address;
  try {
    signer = await recoverTypedDataAddress({
      domain: giftVaultDomain(chain.chainId, chain.vault),
      types: linkClaimTypes,
      primaryType: "LinkClaim",
      message: { giftId: claim.giftId, recipient: claim.to },
      signature: serializeSignature(compactSignatureToSignature(claim.signature)),
    });
  } catch {
    throw invalidSignature();
  }
  // The view keeps a link key as its 20-byte address; a padded 32-byte key ends with it.
  if (!claim.linkKey.toLowerCase().endsWith(signer.slice(2).toLowerCase()))
    throw invalidSignature();
}

/** The vault's errors a user can act on, as the API's codes. */
const REFUSALS: Record<string, () => DomainError> = {
  UnknownGift: () => conflict("gift_already_claimed", "This gift was already claimed or refunded"),
  GiftExpired: () =>
    gone("gift_expired", "This gift has expired: only its sender can take it back now"),
  InvalidSignature: invalidSignature,
};

/**
 * Simulates the claim from the relayer and estimates its gas; a claim that would revert is
 * refused with the vault's reason, before any gas is spent.
 */
export async function simulateClaim(
  client: PublicClient,
  relayer: Address,
  vault: Address,
  call: ClaimCall,
): Promise<bigint> {
  const request = {
    ...claimFunction(call),
    address: vault,
    account: relayer,
  } as unknown as Parameters<PublicClient["simulateContract"]>[0];
  try {
    await client.simulateContract(request);
    return await client.estimateContractGas(request as never);
  } catch (error) {
    const name = revertErrorName(error);
    const refusal = name ? REFUSALS[name] : undefined;
    if (refusal) throw refusal();
    throw unprocessable(
      "claim_would_revert",
      `The claim would fail on chain: ${name ?? (error instanceof Error ? error.message.split("\n")[0] : String(error))}`,
    );
  }
}
