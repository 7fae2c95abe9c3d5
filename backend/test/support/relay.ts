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

const walletOf = (chain: TestChain, key: Hex) =>
  createWalletClient({
    chain: hardhat,
    transport: http(chain.rpcUrl),
    account: privateKeyToAccount(key),
  });

async function mined(chain: TestChain, hash: Hex): Promise<TransactionReceipt> {
  const receipt = await chain.client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Gives the sender `amount` BOON (minted by the treasury) and approves the vault for it all. */
export async function fundSender(chain: TestChain, amount: bigint): Promise<void> {
  const treasury = walletOf(chain, devAccounts.treasury.privateKey);
  await mined(
    chain,
    await treasury.writeContract({
      address: chain.contracts.boonToken,
      abi: boonTokenAbi,
      functionName: "mint",
      args: [sender.address, amount],
    }),
  );
  const bob = walletOf(chain, devAccounts.bob.privateKey);
  await mined(
    chain,
    await bob.writeContract({
      address: chain.contracts.boonToken,
      abi: boonTokenAbi,
      functionName: "approve",
      args: [chain.contracts.giftVault, maxUint256],
    }),
  );
}

export type LinkGift = { giftId: bigint; key: Hex; linkKey: Address; amount: bigint };

async function sendBatch(
  chain: TestChain,
  requests: { kind: number; recipient: Hex; amount: bigint }[],
  lifetimeSeconds: number,
): Promise<(bigint | null)[]> {
  const now = (await chain.client.getBlock({ blockTag: "latest" })).timestamp;
  const salt = randomSalt();
  const bob = walletOf(chain, devAccounts.bob.privateKey);
  await mined(
    chain,
    await bob.writeContract({
      address: chain.contracts.giftVault,
      abi: giftVaultAbi,
      functionName: "sendGifts",
      args: [
        chain.contracts.boonToken,
        requests.map((r) => ({ kind: r.kind, recipient: r.recipient, amount: r.amount })),
        Number(now) + lifetimeSeconds,
        salt,
        zeroHash,
        "for you",
      ],
    }),
  );
  return batchGiftIds(sender.address, salt, requests);
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
  const ids = await sendBatch(chain, requests, lifetimeSeconds);
  return keys.map((key, i) => ({
    giftId: ids[i] as bigint,
    key,
    linkKey: linkKeys[i] as Address,
    amount,
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
  return (await sendBatch(chain, requests, 10 * 86_400)) as bigint[];
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
