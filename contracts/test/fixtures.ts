// Shared deployment and signing helpers for the TypeScript contract tests.
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Address,
  type CompactSignature,
  type Hex,
  hexToBigInt,
  keccak256,
  numberToHex,
  parseEther,
  parseEventLogs,
  parseSignature,
  toHex,
} from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { giftVaultAbi } from "../src/abis.ts";
import { devAccounts } from "../src/accounts.ts";
import {
  addressKey,
  batchGiftIds,
  type EscrowedGift,
  GiftKind,
  giftVaultDomain,
  permitTypes,
  rewardDistributorDomain,
  signLinkClaim,
  signRewardVoucher,
  signSocialClaim,
} from "../src/index.ts";

export const HOUR = 3600;
export const DAY = 24 * HOUR;
export const MIN_EXPIRY = HOUR;
export const MAX_EXPIRY = 90 * DAY;
export const SUPPLY_CAP = parseEther("1000000000");
export const DAILY_CAP = parseEther("1000");
export const MAX_CLAIM = parseEther("100");
export const MAX_UINT256 = 2n ** 256n - 1n;
/** The order n of secp256k1: a signature (r, s) also verifies as (r, n - s) with v flipped. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A deterministic local key for a label (link keys, strangers, rotated-out signers). */
export function keyFor(label: string): PrivateKeyAccount {
  return privateKeyToAccount(keccak256(toHex(`boon-test:${label}`)));
}

export const verifier = privateKeyToAccount(devAccounts.verifier.privateKey);
export const rewardSigner = privateKeyToAccount(devAccounts.rewardSigner.privateKey);

/**
 * The same signature in its high-s form, which plain ecrecover accepts and the contracts must not:
 * (r, n - s) with the other y-parity, packed the EIP-2098 way (parity in the top bit of the s word).
 */
export function malleate(signature: CompactSignature): CompactSignature {
  const packed = hexToBigInt(signature.yParityAndS);
  const s = packed & ((1n << 255n) - 1n);
  const flippedParity = (packed >> 255n) ^ 1n;
  const highS = SECP256K1_N - s;
  return {
    r: signature.r,
    yParityAndS: numberToHex(highS | (flippedParity << 255n), { size: 32 }),
  };
}

/** A compact signature whose words are garbage (no valid signature at all). */
export const garbageSignature: CompactSignature = {
  r: `0x${"12".repeat(32)}`,
  yParityAndS: `0x${"34".repeat(32)}`,
};

/** A fresh salt per escrowed gift, as the dApp picks one. */
let saltCounter = 0n;
export function nextSalt(): bigint {
  saltCounter += 1n;
  return hexToBigInt(keccak256(toHex(`boon-test:salt:${saltCounter}`))) >> 192n;
}

/**
 * The three contracts deployed with roles wired and demo balances. Use it through
 * `networkHelpers.loadFixture(deployBoon)`, which snapshots once and reverts for every test.
 */
export async function deployBoon(connection: NetworkConnection) {
  const { viem, networkHelpers } = connection;
  const publicClient = await viem.getPublicClient();
  const [admin, alice, bob, carol, relayer] = await viem.getWalletClients();
  if (!admin || !alice || !bob || !carol || !relayer) throw new Error("need five accounts");
  const chainId = await publicClient.getChainId();

  const token = await viem.deployContract("BoonToken", [admin.account.address, SUPPLY_CAP]);
  const vault = await viem.deployContract("GiftVault", [
    admin.account.address,
    verifier.address,
    MIN_EXPIRY,
    MAX_EXPIRY,
  ]);
  const distributor = await viem.deployContract("RewardDistributor", [
    token.address,
    admin.account.address,
    rewardSigner.address,
    DAILY_CAP,
    MAX_CLAIM,
  ]);
  const minterRole = await token.read.MINTER_ROLE();
  await token.write.grantRole([minterRole, admin.account.address]);
  await token.write.grantRole([minterRole, distributor.address]);
  // BOON moves exactly the amount asked: the admin marks it exact, as the Ignition module does
  await vault.write.setTokenConfig([token.address, true, true]);
  for (const user of [alice, bob]) {
    await token.write.mint([user.account.address, parseEther("1000")]);
    await token.write.approve([vault.address, MAX_UINT256], { account: user.account });
  }

  // Every contract takes signatures in the EIP-2098 compact form.
  const signSocial = (
    message: { socialId: Hex; wallet: Address; deadline: bigint },
    signer: PrivateKeyAccount = verifier,
    domain = giftVaultDomain(chainId, vault.address),
  ) => signSocialClaim(signer, domain, message);

  const signLink = (
    linkKey: PrivateKeyAccount,
    message: { giftId: bigint; recipient: Address },
    domain = giftVaultDomain(chainId, vault.address),
  ) => signLinkClaim(linkKey, domain, message);

  const signVoucher = (
    message: { account: Address; cumulativeAmount: bigint; deadline: bigint },
    signer: PrivateKeyAccount = rewardSigner,
    domain = rewardDistributorDomain(chainId, distributor.address),
  ) => signRewardVoucher(signer, domain, message);

  /** An EIP-2612 permit of `owner` for the vault, in the vault's Permit struct shape. */
  const signPermit = async (owner: typeof carol, value: bigint, deadline = MAX_UINT256) => {
    const nonce = await token.read.nonces([owner.account.address]);
    const signature = await owner.signTypedData({
      account: owner.account,
      domain: { name: "Boon", version: "1", chainId, verifyingContract: token.address },
      types: permitTypes,
      primaryType: "Permit",
      message: { owner: owner.account.address, spender: vault.address, value, nonce, deadline },
    });
    const { r, s, yParity } = parseSignature(signature);
    return { value, deadline, v: 27 + yParity, r, s };
  };

  /**
   * The escrowed gifts a transaction opened, in order, from its SocialGiftSent, LinkGiftSent and
   * GiftsSent events (batch entries get their ids from giftIdOf, as the contract derives them).
   */
  const sentGifts = async (hash: Hex): Promise<{ giftId: bigint; gift: EscrowedGift }[]> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const logs = parseEventLogs({
      abi: giftVaultAbi,
      logs: receipt.logs.filter((log) => log.address.toLowerCase() === vault.address.toLowerCase()),
    });
    const out: { giftId: bigint; gift: EscrowedGift }[] = [];
    for (const log of logs) {
      if (log.eventName === "SocialGiftSent" || log.eventName === "LinkGiftSent") {
        const { giftId, sender, token: giftToken, amount, expiry } = log.args;
        const social = log.eventName === "SocialGiftSent";
        out.push({
          giftId,
          gift: {
            token: giftToken,
            sender,
            kind: social ? GiftKind.Social : GiftKind.Link,
            recipient: social ? log.args.socialId : addressKey(log.args.linkKey),
            amount,
            expiry,
          },
        });
      } else if (log.eventName === "GiftsSent") {
        const { sender, token: giftToken, expiry, salt, gifts } = log.args;
        const ids = batchGiftIds(sender, salt, gifts);
        gifts.forEach((entry, i) => {
          const giftId = ids[i];
          if (giftId === null || giftId === undefined) return;
          out.push({
            giftId,
            gift: {
              token: giftToken,
              sender,
              kind: entry.kind as EscrowedGift["kind"],
              recipient: entry.recipient,
              amount: entry.amount,
              expiry,
            },
          });
        });
      }
    }
    return out;
  };

  const now = () => networkHelpers.time.latest();
  const balanceOf = (account: Address) => token.read.balanceOf([account]);

  return {
    viem,
    networkHelpers,
    publicClient,
    chainId,
    admin,
    alice,
    bob,
    carol,
    relayer,
    token,
    vault,
    distributor,
    signSocial,
    signLink,
    signVoucher,
    signPermit,
    sentGifts,
    now,
    balanceOf,
  };
}

export type Boon = Awaited<ReturnType<typeof deployBoon>>;
