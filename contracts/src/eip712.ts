import {
  type Address,
  type CompactSignature,
  type Hex,
  type LocalAccount,
  parseSignature,
  signatureToCompactSignature,
  type TypedData,
  type TypedDataDefinition,
  type TypedDataDomain,
} from "viem";

export const giftVaultDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: "Boon GiftVault", version: "1", chainId, verifyingContract }) as const;

export const rewardDistributorDomain = (chainId: number, verifyingContract: Address) =>
  ({ name: "Boon RewardDistributor", version: "1", chainId, verifyingContract }) as const;

/** A verifier's attestation that `wallet` owns the social account `socialId`, until `deadline`. */
export const socialClaimTypes = {
  SocialClaim: [
    { name: "socialId", type: "bytes32" },
    { name: "wallet", type: "address" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A link key's consent to pay gift `giftId` to `recipient`. */
export const linkClaimTypes = {
  LinkClaim: [
    { name: "giftId", type: "uint256" },
    { name: "recipient", type: "address" },
  ],
} as const;

/** An EIP-2612 permit (BoonToken's domain is name "Boon", version "1"). */
export const permitTypes = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** A reward voucher: `account` has earned `cumulativeAmount` in total, valid until `deadline`. */
export const rewardVoucherTypes = {
  RewardVoucher: [
    { name: "account", type: "address" },
    { name: "cumulativeAmount", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * A 65-byte ECDSA signature in the EIP-2098 compact form `{ r, yParityAndS }` every Boon contract
 * takes (the contracts' `CompactSignature` struct).
 */
export function compactSignature(signature: Hex): CompactSignature {
  return signatureToCompactSignature(parseSignature(signature));
}

/** Anything that signs EIP-712 data as a viem local account does. */
export type TypedDataSigner = Pick<LocalAccount, "signTypedData">;

/** `signer`'s signature over one typed message, compact as the contracts take it. */
async function signCompact<const types extends TypedData, primaryType extends keyof types & string>(
  signer: TypedDataSigner,
  definition: TypedDataDefinition<types, primaryType>,
): Promise<CompactSignature> {
  return compactSignature(await signer.signTypedData(definition));
}

/** A verifier's SocialClaim attestation, compact: what `claimSocial` and `claimSocialBatch` take. */
export function signSocialClaim(
  verifier: TypedDataSigner,
  domain: TypedDataDomain,
  message: { socialId: Hex; wallet: Address; deadline: bigint },
): Promise<CompactSignature> {
  return signCompact(verifier, {
    domain,
    types: socialClaimTypes,
    primaryType: "SocialClaim",
    message,
  });
}

/** A link key's LinkClaim consent, compact: what `claimLink` takes. */
export function signLinkClaim(
  linkKey: TypedDataSigner,
  domain: TypedDataDomain,
  message: { giftId: bigint; recipient: Address },
): Promise<CompactSignature> {
  return signCompact(linkKey, { domain, types: linkClaimTypes, primaryType: "LinkClaim", message });
}

/** A reward signer's RewardVoucher, compact: what the distributor's `claim` takes. */
export function signRewardVoucher(
  rewardSigner: TypedDataSigner,
  domain: TypedDataDomain,
  message: { account: Address; cumulativeAmount: bigint; deadline: bigint },
): Promise<CompactSignature> {
  return signCompact(rewardSigner, {
    domain,
    types: rewardVoucherTypes,
    primaryType: "RewardVoucher",
    message,
  });
}
