// Shared deployment and signing helpers for the TypeScript contract tests.
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Address,
  type Hex,
  hexToBigInt,
  keccak256,
  numberToHex,
  parseEther,
  parseSignature,
  serializeSignature,
  toHex,
} from "viem";
import { type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../src/accounts.ts";
import {
  type EscrowedGift,
  giftVaultDomain,
  linkClaimTypes,
  permitTypes,
  rewardDistributorDomain,
  rewardVoucherTypes,
  socialClaimTypes,
} from "../src/eip712.ts";

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

/** The same signature in its high-s form, which plain ecrecover accepts and the contracts must not. */
export function malleate(signature: Hex): Hex {
  const { r, s, yParity } = parseSignature(signature);
  const highS = numberToHex(SECP256K1_N - hexToBigInt(s), { size: 32 });
  return serializeSignature({ r, s: highS, yParity: yParity === 0 ? 1 : 0 });
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
  await vault.write.setTokenAllowed([token.address, true]);
  for (const user of [alice, bob]) {
    await token.write.mint([user.account.address, parseEther("1000")]);
    await token.write.approve([vault.address, MAX_UINT256], { account: user.account });
  }

  const signSocial = (
    message: { socialId: Hex; wallet: Address; deadline: bigint },
    signer: PrivateKeyAccount = verifier,
    domain = giftVaultDomain(chainId, vault.address),
  ) =>
    signer.signTypedData({ domain, types: socialClaimTypes, primaryType: "SocialClaim", message });

  const signLink = (
    linkKey: PrivateKeyAccount,
    message: { giftId: bigint; recipient: Address },
    domain = giftVaultDomain(chainId, vault.address),
  ) => linkKey.signTypedData({ domain, types: linkClaimTypes, primaryType: "LinkClaim", message });

  const signVoucher = (
    message: { account: Address; cumulativeAmount: bigint; deadline: bigint },
    signer: PrivateKeyAccount = rewardSigner,
    domain = rewardDistributorDomain(chainId, distributor.address),
  ) =>
    signer.signTypedData({
      domain,
      types: rewardVoucherTypes,
      primaryType: "RewardVoucher",
      message,
    });

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

  /** The fields of an escrowed gift from the GiftSent event of `hash`. */
  const sentGifts = async (hash: Hex): Promise<{ giftId: bigint; gift: EscrowedGift }[]> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const events = await vault.getEvents.GiftSent(
      {},
      { fromBlock: receipt.blockNumber, toBlock: receipt.blockNumber },
    );
    return events.map(({ args }) => {
      const { giftId, sender, recipient, kind, token: giftToken, amount, expiry } = args;
      if (
        giftId === undefined ||
        !sender ||
        !recipient ||
        kind === undefined ||
        !giftToken ||
        amount === undefined ||
        expiry === undefined
      ) {
        throw new Error("GiftSent without its fields");
      }
      return {
        giftId,
        gift: {
          token: giftToken,
          sender,
          kind: kind as EscrowedGift["kind"],
          recipient,
          amount,
          expiry,
        },
      };
    });
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
