import {
  type Address,
  encodeAbiParameters,
  type Hex,
  hexToBigInt,
  keccak256,
  padHex,
  parseAbiParameters,
} from "viem";

/** Recipient kinds of a gift, as the GiftVault's `Kind` enum. */
export const GiftKind = { Address: 0, Social: 1, Link: 2 } as const;
export type GiftKind = (typeof GiftKind)[keyof typeof GiftKind];

/** The kinds by name, in enum order: how the indexer, backend and dApp spell them. */
export const giftKindNames = ["address", "social", "link"] as const;
export type GiftKindName = (typeof giftKindNames)[number];

/** The name of a `Kind` value (throws on a value the vault does not have). */
export function giftKindName(kind: number): GiftKindName {
  const name = giftKindNames[kind];
  if (name === undefined) throw new Error(`unknown gift kind ${kind}`);
  return name;
}

/** The `Kind` value of a name. */
export function giftKindOf(name: GiftKindName): GiftKind {
  return giftKindNames.indexOf(name) as GiftKind;
}

/** The fields of an escrowed gift, as its send event gives them and claims and refunds pass them back. */
export type EscrowedGift = {
  token: Address;
  sender: Address;
  kind: GiftKind;
  recipient: Hex;
  amount: bigint;
  expiry: number;
};

/**
 * The social id of an account: keccak256(abi.encode(platform, userId)) with the platform's
 * immutable user id (for X the numeric id, never the handle, which can change hands).
 */
export function socialId(platform: string, userId: string): Hex {
  return keccak256(encodeAbiParameters(parseAbiParameters("string, string"), [platform, userId]));
}

/** An address as a gift recipient key (left-padded to 32 bytes). */
export function addressKey(account: Address): Hex {
  return padHex(account.toLowerCase() as Hex, { size: 32 });
}

/**
 * The escrowed gift struct from stored fields, where a link gift's recipient may be kept as its
 * 20-byte link key address (the indexer and backend do) and a social one as its 32-byte id.
 */
export function escrowedGift(fields: {
  token: Address;
  sender: Address;
  kind: GiftKindName;
  recipient: Hex;
  amount: bigint;
  expiry: number | bigint;
}): EscrowedGift {
  return {
    token: fields.token,
    sender: fields.sender,
    kind: giftKindOf(fields.kind),
    recipient:
      fields.recipient.length === 42 ? addressKey(fields.recipient as Address) : fields.recipient,
    amount: fields.amount,
    expiry: Number(fields.expiry),
  };
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
  requests: readonly { kind: number; recipient: Hex }[],
): (bigint | null)[] {
  return requests.map((request, i) => {
    if (request.kind === GiftKind.Address) return null;
    const entrySalt =
      request.kind === GiftKind.Link ? hexToBigInt(request.recipient) : salt + BigInt(i);
    return giftIdOf(sender, entrySalt);
  });
}

/**
 * A fresh salt for a social gift: 64 random bits. A sender only needs salts it has no open gift
 * under; 64 bits keep the calldata short.
 */
export function randomSalt(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(words[0] ?? 0) << 32n) | BigInt(words[1] ?? 0);
}
