// Test support for the relayer: gifts sent on chain by a wallet sender (Hardhat's bob, BOON minted
// by the treasury), link-key signatures, and the relayed claims' receipts.
import {
  addressKey,
  batchGiftIds,
  boonTokenAbi,
  devAccounts,
  GiftKind,
  giftVaultAbi,
  giftVaultDomain,
  linkClaimTypes,
  randomSalt,
} from "@boon/contracts";
import {
  type Address,
  createWalletClient,
  type Hex,
  http,
  maxUint256,
  type TransactionReceipt,
  zeroHash,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import type { TestChain } from "./delivery.ts";

export const sender = privateKeyToAccount(devAccounts.bob.privateKey);

type Wallet = ReturnType<typeof walletOf>;

const walletOf = (chain: TestChain, key: Hex) =>
  createWalletClient({
    chain: hardhat,
    transport: http(chain.rpcUrl),
    account: privateKeyToAccount(key),
  });

/** Sends one contract call from the dev account `key` and waits for it to succeed. */
async function sendAs(
  chain: TestChain,
  key: Hex,
  call: Parameters<Wallet["writeContract"]>[0],
): Promise<TransactionReceipt> {
  const hash = await walletOf(chain, key).writeContract(call);
  const receipt = await chain.client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Gives the sender `amount` BOON (minted by the treasury) and approves the vault for it all. */
export async function fundSender(chain: TestChain, amount: bigint): Promise<void> {
  await sendAs(chain, devAccounts.treasury.privateKey, {
    address: chain.contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "mint",
    args: [sender.address, amount],
  });
  await sendAs(chain, devAccounts.bob.privateKey, {
    address: chain.contracts.boonToken,
    abi: boonTokenAbi,
    functionName: "approve",
    args: [chain.contracts.giftVault, maxUint256],
  });
}

export type LinkGift = {
  giftId: bigint;
  key: Hex;
  linkKey: Address;
  amount: bigint;
  /** Unix seconds, as sent. */
  expiry: number;
};

async function sendBatch(
  chain: TestChain,
  requests: { kind: number; recipient: Hex; amount: bigint }[],
  lifetimeSeconds: number,
): Promise<{ ids: (bigint | null)[]; expiry: number }> {
  const now = (await chain.client.getBlock({ blockTag: "latest" })).timestamp;
  const expiry = Number(now) + lifetimeSeconds;
  const salt = randomSalt();
  await sendAs(chain, devAccounts.bob.privateKey, {
    address: chain.contracts.giftVault,
    abi: giftVaultAbi,
    functionName: "sendGifts",
    args: [
      chain.contracts.boonToken,
      requests.map((r) => ({ kind: r.kind, recipient: r.recipient, amount: r.amount })),
      expiry,
      salt,
      zeroHash,
      "for you",
    ],
  });
  return { ids: batchGiftIds(sender.address, salt, requests), expiry };
}

/** `count` link gifts of `amount` each, in one batch; their keys as a claim link carries them. */
export async function sendLinkGifts(
  chain: TestChain,
  count: number,
  amount: bigint,
  lifetimeSeconds = 10 * 86_400,
): Promise<LinkGift[]> {
  const keys = Array.from({ length: count }, () => generatePrivateKey());
  const linkKeys = keys.map((key) => privateKeyToAccount(key).address);
  const requests = linkKeys.map((k) => ({ kind: GiftKind.Link, recipient: addressKey(k), amount }));
  const { ids, expiry } = await sendBatch(chain, requests, lifetimeSeconds);
  return keys.map((key, i) => ({
    giftId: ids[i] as bigint,
    key,
    linkKey: linkKeys[i] as Address,
    amount,
    expiry,
  }));
}

/** `count` social gifts of `amount` each to `socialId`, in one batch. */
export async function sendSocialGifts(
  chain: TestChain,
  socialId: Hex,
  count: number,
  amount: bigint,
): Promise<bigint[]> {
  const requests = Array.from({ length: count }, () => ({
    kind: GiftKind.Social,
    recipient: socialId,
    amount,
  }));
  return (await sendBatch(chain, requests, 10 * 86_400)).ids as bigint[];
}

/** The link key's LinkClaim(giftId, to): what the claim page signs with the link's secret. */
export function linkSignature(chain: TestChain, gift: LinkGift, to: Address): Promise<Hex> {
  return privateKeyToAccount(gift.key).signTypedData({
    domain: giftVaultDomain(chain.chainId, chain.contracts.giftVault),
    types: linkClaimTypes,
    primaryType: "LinkClaim",
    message: { giftId: gift.giftId, recipient: to },
  });
}

/** A fresh client IP per request (the app trusts one proxy hop): the per-IP limit stays out of the way. */
let ipCounter = 0;
export function freshIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** Where each GiftClaimed of `giftId` on chain sent the tokens (one entry per claim). */
export async function claimedTo(chain: TestChain, giftId: bigint): Promise<Address[]> {
  const logs = await chain.client.getContractEvents({
    address: chain.contracts.giftVault,
    abi: giftVaultAbi,
    eventName: "GiftClaimed",
    args: { giftId },
    fromBlock: 0n,
  });
  return logs.map((log) => log.args.to as Address);
}
