import {
  addressKey,
  boonTokenAbi,
  GiftKind,
  giftVaultAbi,
  giftVaultDomain,
  linkClaimTypes,
  permitTypes,
} from "@boon/contracts";
import {
  type Address,
  type Hash,
  type Hex,
  parseEventLogs,
  parseSignature,
  type TransactionReceipt,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readContract, signTypedData, writeContract } from "wagmi/actions";
import type { GiftRow } from "../api/indexer.ts";
import type { AppConfig } from "../config/config.ts";
import type { WagmiConfig } from "./wagmi.ts";

export type Permit = { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex };

/** Seconds a signed permit stays usable: enough to confirm the transaction, short if it leaks. */
const PERMIT_LIFETIME = 20n * 60n;

/** How the vault will be allowed to pull the tokens. */
export type Funding =
  | { kind: "allowance" }
  | { kind: "permit"; permit: Permit }
  | { kind: "approve" };

/**
 * Picks the cheapest way to let the vault pull `amount`: an existing allowance, else an EIP-2612
 * permit (one signature, no extra transaction), else a separate approve.
 */
export async function prepareFunding(
  wagmi: WagmiConfig,
  config: AppConfig,
  owner: Address,
  amount: bigint,
): Promise<Funding> {
  const token = config.contracts.boonToken;
  const allowance = await readContract(wagmi, {
    address: token,
    abi: boonTokenAbi,
    functionName: "allowance",
    args: [owner, config.contracts.giftVault],
  });
  if (allowance >= amount) return { kind: "allowance" };
  const permitDomain = await readContract(wagmi, {
    address: token,
    abi: boonTokenAbi,
    functionName: "eip712Domain",
  }).catch(() => null);
  if (!permitDomain) return { kind: "approve" };
  const [, name, version, chainId, verifyingContract] = permitDomain;
  const nonce = await readContract(wagmi, {
    address: token,
    abi: boonTokenAbi,
    functionName: "nonces",
    args: [owner],
  });
  const deadline = BigInt(Math.floor(Date.now() / 1000)) + PERMIT_LIFETIME;
  const signature = await signTypedData(wagmi, {
    account: owner,
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    types: permitTypes,
    primaryType: "Permit",
    message: { owner, spender: config.contracts.giftVault, value: amount, nonce, deadline },
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return {
    kind: "permit",
    permit: { value: amount, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s },
  };
}

export function approveVault(wagmi: WagmiConfig, config: AppConfig, amount: bigint): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "approve",
    args: [config.contracts.giftVault, amount],
  });
}

export type SingleGift = {
  kind: "address" | "link";
  /** The recipient wallet (address gifts) or the link key's address (link gifts). */
  to: Address;
  amount: bigint;
  expiry: number;
  context: Hex;
  message: string;
};

/** Sends one gift, with the permit when there is one. */
export function sendGift(
  wagmi: WagmiConfig,
  config: AppConfig,
  gift: SingleGift,
  permit: Permit | null,
): Promise<Hash> {
  const { giftVault: vault, boonToken: token } = config.contracts;
  if (gift.kind === "address") {
    return permit
      ? writeContract(wagmi, {
          address: vault,
          abi: giftVaultAbi,
          functionName: "giftToAddressWithPermit",
          args: [token, gift.to, gift.amount, gift.context, gift.message, permit],
        })
      : writeContract(wagmi, {
          address: vault,
          abi: giftVaultAbi,
          functionName: "giftToAddress",
          args: [token, gift.to, gift.amount, gift.context, gift.message],
        });
  }
  return permit
    ? writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "giftToLinkWithPermit",
        args: [token, gift.to, gift.amount, gift.expiry, gift.context, gift.message, permit],
      })
    : writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "giftToLink",
        args: [token, gift.to, gift.amount, gift.expiry, gift.context, gift.message],
      });
}

export type BatchRequest = { kind: GiftKind; recipient: Hex; amount: bigint };

/** The vault's batch entry for an address (padded) or a link key. */
export function batchRequest(kind: "address" | "link", to: Address, amount: bigint): BatchRequest {
  return {
    kind: kind === "address" ? GiftKind.Address : GiftKind.Link,
    recipient: addressKey(to),
    amount,
  };
}

/** Sends many gifts with one token pull. */
export function sendBatch(
  wagmi: WagmiConfig,
  config: AppConfig,
  requests: BatchRequest[],
  shared: { expiry: number; context: Hex; message: string },
  permit: Permit | null,
): Promise<Hash> {
  const { giftVault: vault, boonToken: token } = config.contracts;
  return permit
    ? writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "sendGiftsWithPermit",
        args: [token, requests, shared.expiry, shared.context, shared.message, permit],
      })
    : writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "sendGifts",
        args: [token, requests, shared.expiry, shared.context, shared.message],
      });
}

/** The GiftSent events of a receipt, in order: ids for the claim links. */
export function sentGifts(receipt: TransactionReceipt) {
  return parseEventLogs({ abi: giftVaultAbi, eventName: "GiftSent", logs: receipt.logs }).map(
    (log) => log.args,
  );
}

/** The link key's consent to pay gift `giftId` to `recipient` (signed in the browser, never sent anywhere else). */
export function signLinkClaim(
  config: AppConfig,
  privateKey: Hex,
  giftId: bigint,
  recipient: Address,
): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTypedData({
    domain: giftVaultDomain(config.chainId, config.contracts.giftVault),
    types: linkClaimTypes,
    primaryType: "LinkClaim",
    message: { giftId, recipient },
  });
}

/** The gift's fields as the vault committed to them, from the indexer's row. */
export function escrowedGift(row: GiftRow) {
  return {
    token: row.token,
    sender: row.sender,
    kind:
      row.kind === "link"
        ? GiftKind.Link
        : row.kind === "social"
          ? GiftKind.Social
          : GiftKind.Address,
    recipient: addressKeyOrId(row),
    amount: row.amount,
    expiry: Number(row.expiry ?? 0n),
  } as const;
}

function addressKeyOrId(row: GiftRow): Hex {
  // The indexer keeps link keys as 20-byte addresses and social ids as 32 bytes; the vault wants 32.
  return row.recipient.length === 42 ? addressKey(row.recipient as Address) : row.recipient;
}

export function claimLink(
  wagmi: WagmiConfig,
  config: AppConfig,
  row: GiftRow,
  to: Address,
  signature: Hex,
): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "claimLink",
    args: [row.id, escrowedGift(row), to, signature],
  });
}

export function refundGift(wagmi: WagmiConfig, config: AppConfig, row: GiftRow): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "refund",
    args: [row.id, escrowedGift(row)],
  });
}
