import {
  batchGiftIds,
  boonTokenAbi,
  compactSignature,
  escrowedGift,
  giftKindName,
  giftVaultAbi,
  giftVaultDomain,
  linkClaimTypes,
  permitTypes,
  randomSalt,
} from "@boon/contracts";
import {
  type Address,
  type CompactSignature,
  type Hash,
  type Hex,
  parseEventLogs,
  parseSignature,
  type TransactionReceipt,
  zeroHash,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { readContract, signTypedData, writeContract } from "wagmi/actions";
import { type GiftRow, UNSETTLED } from "../api/gift-row.ts";
import type { AppConfig } from "../config/config.ts";
import type { BatchRequest } from "../lib/batch-requests.ts";
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

/**
 * Sends many gifts with one token pull of the escrowed part. A fresh random salt names the batch's
 * social gifts (entry i's id is giftIdOf(sender, salt + i), `batchGiftIds`); links use their keys.
 */
export function sendBatch(
  wagmi: WagmiConfig,
  config: AppConfig,
  requests: BatchRequest[],
  shared: { expiry: number; context: Hex; message: string },
  permit: Permit | null,
): Promise<Hash> {
  const { giftVault: vault, boonToken: token } = config.contracts;
  const salt = randomSalt();
  return permit
    ? writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "sendGiftsWithPermit",
        args: [token, requests, shared.expiry, salt, shared.context, shared.message, permit],
      })
    : writeContract(wagmi, {
        address: vault,
        abi: giftVaultAbi,
        functionName: "sendGifts",
        args: [token, requests, shared.expiry, salt, shared.context, shared.message],
      });
}

/**
 * The gifts a receipt sent, in order, as the indexer will show them (its event id is unknown until
 * then: lists key gifts by transaction and entry). Link gifts carry their id, known in advance.
 */
export function sentGiftRows(receipt: TransactionReceipt): GiftRow[] {
  const logs = parseEventLogs({
    abi: giftVaultAbi,
    eventName: ["GiftDelivered", "SocialGiftSent", "LinkGiftSent", "GiftsSent"],
    logs: receipt.logs,
  });
  const row = (
    fields: Pick<GiftRow, "entry" | "giftId" | "kind" | "recipient" | "amount" | "expiry">,
  ) =>
    ({
      eventId: "",
      ...fields,
      status: fields.kind === "address" ? "delivered" : "pending",
      claimedBy: null,
      relayer: null,
      sentBlock: receipt.blockNumber,
      sentTimestamp: BigInt(Math.floor(Date.now() / 1000)),
      sentTx: receipt.transactionHash,
      ...UNSETTLED,
    }) as const;
  return logs.flatMap((log): GiftRow[] => {
    const { sender, token, context, message } = log.args;
    const common = { token, sender, context: context === zeroHash ? null : context, message };
    switch (log.eventName) {
      case "GiftDelivered":
        return [
          {
            ...common,
            ...row({
              entry: 0,
              giftId: null,
              kind: "address",
              recipient: log.args.to,
              amount: log.args.amount,
              expiry: null,
            }),
          },
        ];
      case "SocialGiftSent":
        return [
          {
            ...common,
            ...row({
              entry: 0,
              giftId: log.args.giftId,
              kind: "social",
              recipient: log.args.socialId,
              amount: log.args.amount,
              expiry: BigInt(log.args.expiry),
            }),
          },
        ];
      case "LinkGiftSent":
        return [
          {
            ...common,
            ...row({
              entry: 0,
              giftId: log.args.giftId,
              kind: "link",
              recipient: log.args.linkKey,
              amount: log.args.amount,
              expiry: BigInt(log.args.expiry),
            }),
          },
        ];
      default: {
        const ids = batchGiftIds(sender, log.args.salt, log.args.gifts);
        return log.args.gifts.map((request, entry) => {
          const kind = giftKindName(request.kind);
          const recipient =
            kind === "social" ? request.recipient : (`0x${request.recipient.slice(26)}` as Address);
          return {
            ...common,
            ...row({
              entry,
              giftId: ids[entry] ?? null,
              kind,
              recipient,
              amount: request.amount,
              expiry: kind === "address" ? null : BigInt(log.args.expiry),
            }),
          };
        });
      }
    }
  });
}

/** The link key's consent to pay gift `giftId` to `recipient` (signed in the browser, never sent anywhere else). */
export async function signLinkClaim(
  config: AppConfig,
  privateKey: Hex,
  giftId: bigint,
  recipient: Address,
): Promise<CompactSignature> {
  return compactSignature(
    await privateKeyToAccount(privateKey).signTypedData({
      domain: giftVaultDomain(config.chainId, config.contracts.giftVault),
      types: linkClaimTypes,
      primaryType: "LinkClaim",
      message: { giftId, recipient },
    }),
  );
}

/** The vault id of an escrowed gift's row (address gifts have none). */
function giftIdOfRow(row: GiftRow): bigint {
  if (row.giftId === null) throw new Error("a gift to an address cannot be claimed or refunded");
  return row.giftId;
}

/** The gift's fields as the vault committed to them, from the indexer's row. */
export function vaultGift(row: GiftRow) {
  return escrowedGift({ ...row, expiry: row.expiry ?? 0n });
}

export function claimLink(
  wagmi: WagmiConfig,
  config: AppConfig,
  row: GiftRow,
  to: Address,
  signature: CompactSignature,
): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "claimLink",
    args: [giftIdOfRow(row), vaultGift(row), to, signature],
  });
}

export function refundGift(wagmi: WagmiConfig, config: AppConfig, row: GiftRow): Promise<Hash> {
  return writeContract(wagmi, {
    address: config.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "refund",
    args: [giftIdOfRow(row), vaultGift(row)],
  });
}
