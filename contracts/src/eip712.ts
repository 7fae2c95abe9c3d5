import {
  type Address,
  type CompactSignature,
  encodeAbiParameters,
  type Hex,
  hexToBigInt,
  keccak256,
  padHex,
  parseAbiParameters,
  parseSignature,
  signatureToCompactSignature,
} from "viem";

/** Recipient kinds of a gift, as the GiftVault's `Kind` enum. */
export const GiftKind = { Address: 0, Social: 1, Link: 2 } as const;
export type GiftKind = (typeof GiftKind)[keyof typeof GiftKind];

/** The fields of an escrowed gift, as its send event gives them and claims and refunds pass them back. */
export type EscrowedGift = {
  token: Address;
  sender: Address;
  kind: GiftKind;
  recipient: Hex;
  amount: bigint;
  expiry: number;
};

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
 * The social id of an account: keccak256(abi.encode(platform, userId)) with the platform's
 * immutable user id (for X the numeric id, never the handle, which can change hands).
 */
export function socialId(platform: string, userId: string): Hex {
  return keccak256(encodeAbiParameters(parseAbiParameters("string, string"), [platform, userId]));
}

const UINT256 = 2n ** 256n;

/** The id of the escrowed gift `sender` sends with `salt` (GiftVault.giftIdOf). */
export function giftIdOf(sender: Address, salt: bigint): bigint {
  return hexToBigInt(
    keccak256(
      encodeAbiParameters(parseAbiParameters("address, uint256"), [sender, salt % UINT256]),
    ),
  );
}

/** The id of a link gift: its link key is its salt. */
export function linkGiftId(sender: Address, linkKey: Address): bigint {
  return giftIdOf(sender, hexToBigInt(linkKey));
}

/**
 * The ids of a `sendGifts` batch, entry by entry: Social entry `i` uses `salt + i`, a Link entry
 * its link key; Address entries have none (null).
 */
export function batchGiftIds(
  sender: Address,
  salt: bigint,
  requests: readonly { kind: GiftKind; recipient: Hex }[],
): (bigint | null)[] {
  return requests.map((request, i) => {
    if (request.kind === GiftKind.Address) return null;
    const entrySalt =
      request.kind === GiftKind.Link ? hexToBigInt(request.recipient) : salt + BigInt(i);
    return giftIdOf(sender, entrySalt);
  });
}

/**
 * A fresh salt for a social gift: 64 random bits (a sender only needs salts it has no open gift
 * under; 64 bits keep the calldata short).
 */
export function randomSalt(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(words[0] ?? 0) << 32n) | BigInt(words[1] ?? 0);
}

/** A 65-byte ECDSA signature in the EIP-2098 compact form every Boon contract takes. */
export function compactSignature(signature: Hex): CompactSignature {
  return signatureToCompactSignature(parseSignature(signature));
}

/** An address as a gift recipient key (left-padded to 32 bytes). */
export function addressKey(account: Address): Hex {
  return padHex(account.toLowerCase() as Hex, { size: 32 });
}

/** The commitment the vault stores for an escrowed gift. */
export function giftCommitment(gift: EscrowedGift): Hex {
  return keccak256(
    encodeAbiParameters(parseAbiParameters("address, address, uint8, bytes32, uint256, uint40"), [
      gift.token,
      gift.sender,
      gift.kind,
      gift.recipient,
      gift.amount,
      gift.expiry,
    ]),
  );
}
