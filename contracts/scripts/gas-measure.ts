// Measures the gas of Boon's hot paths on a fresh in-process Hardhat network. Shared by the gas
// snapshot check (contracts/scripts/gas-snapshot.ts) and the benchmark (scripts/bench/gas.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Address,
  type Hash,
  type Hex,
  hexToBigInt,
  keccak256,
  maxUint256,
  parseEther,
  parseSignature,
  signatureToCompactSignature,
  toHex,
  zeroHash,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devAccounts } from "../src/accounts.ts";
import {
  addressKey,
  type EscrowedGift,
  GiftKind,
  giftIdOf,
  giftVaultDomain,
  linkClaimTypes,
  rewardDistributorDomain,
  rewardVoucherTypes,
  socialClaimTypes,
  socialId,
} from "../src/index.ts";

/** Gas used per transaction (21k base included), by operation. */
export type GasReport = {
  erc20Transfer: bigint;
  directGift: bigint;
  escrowGiftSocial: bigint;
  escrowGiftLink: bigint;
  batchGiftPerExtra: bigint;
  claimLink: bigint;
  claimSocial: bigint;
  refund: bigint;
  rewardClaimFirst: bigint;
  rewardClaimRepeat: bigint;
  /** The day's first claim, which also mints the day's budget (printed, not in gasKeys). */
  rewardClaimOpeningDay: bigint;
};

export const gasKeys = [
  "erc20Transfer",
  "directGift",
  "escrowGiftSocial",
  "escrowGiftLink",
  "batchGiftPerExtra",
  "claimLink",
  "claimSocial",
  "refund",
  "rewardClaimFirst",
  "rewardClaimRepeat",
] as const satisfies readonly (keyof GasReport)[];
export type GasKey = (typeof gasKeys)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const HOUR = 3600;
const BATCH_SIZE = 100;

/** A fresh address derived from a label: a holder that has never held any token. */
function newHolder(label: string): Address {
  return privateKeyToAccount(keccak256(toHex(`boon-gas:${label}`))).address;
}

/** A 65-byte signature in the EIP-2098 compact form the contracts take. */
const compact = (signature: Hex) => signatureToCompactSignature(parseSignature(signature));

/** A random-looking 64-bit salt, as the dApp picks one per gift. */
function saltOf(label: string): bigint {
  return hexToBigInt(keccak256(toHex(`boon-gas:salt:${label}`))) >> 192n;
}

/** Deploys the three contracts on a fresh in-process network and measures each hot path once. */
export async function measureGas(): Promise<GasReport> {
  // Hardhat finds its config from the working directory.
  process.chdir(repoRoot);
  const { default: hre } = await import("hardhat");
  // measure the current sources, never artifacts left instrumented by a coverage run
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  const connection = await hre.network.create();
  try {
    const { viem, networkHelpers } = connection;
    const publicClient = await viem.getPublicClient();
    const [admin, alice] = await viem.getWalletClients();
    if (!admin || !alice) throw new Error("the in-process network has too few accounts");
    const chainId = await publicClient.getChainId();
    const gasOf = async (hash: Promise<Hash>): Promise<bigint> =>
      (await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed;

    const token = await viem.deployContract("BoonToken", [
      admin.account.address,
      parseEther("1000000000"),
    ]);
    const vault = await viem.deployContract("GiftVault", [
      admin.account.address,
      devAccounts.verifier.address,
      HOUR,
      90 * 24 * HOUR,
    ]);
    const distributor = await viem.deployContract("RewardDistributor", [
      token.address,
      admin.account.address,
      devAccounts.rewardSigner.address,
      parseEther("1000000"),
      parseEther("10000"),
    ]);
    await token.write.grantRole([await token.read.MINTER_ROLE(), admin.account.address]);
    await token.write.grantRole([await token.read.MINTER_ROLE(), distributor.address]);
    // BOON is an OpenZeppelin ERC-20 without fees: the admin marks it exact (no balance checks)
    await vault.write.setTokenConfig([token.address, true, true]);

    const sender = alice.account.address;
    const asAlice = { account: alice.account };
    await token.write.mint([sender, parseEther("1000000")]);
    // an unlimited allowance, as dApps ask for once (the token then skips the allowance write)
    await token.write.approve([vault.address, maxUint256], asAlice);
    const amount = parseEther("10");
    const now = async () => networkHelpers.time.latest();

    const erc20Transfer = await gasOf(
      token.write.transfer([newHolder("transfer"), amount], asAlice),
    );
    const directGift = await gasOf(
      vault.write.giftToAddress(
        [token.address, newHolder("direct"), amount, zeroHash, "thanks!"],
        asAlice,
      ),
    );

    const sendEscrow = async (kind: GiftKind, recipient: Hex) => {
      const expiry = (await now()) + 7 * 24 * HOUR;
      const salt = kind === GiftKind.Social ? saltOf(recipient) : hexToBigInt(recipient);
      const giftId = giftIdOf(sender, salt);
      const hash =
        kind === GiftKind.Social
          ? vault.write.giftToSocial(
              [token.address, recipient, amount, expiry, salt, zeroHash, "thanks!"],
              asAlice,
            )
          : vault.write.giftToLink(
              [
                token.address,
                `0x${recipient.slice(26)}` as Address,
                amount,
                expiry,
                zeroHash,
                "thanks!",
              ],
              asAlice,
            );
      const gas = await gasOf(hash);
      const gift: EscrowedGift = { token: token.address, sender, kind, recipient, amount, expiry };
      return { gas, giftId, gift };
    };

    // The vault already holds escrow when a typical gift arrives; measure the second of each kind.
    const linkKey = privateKeyToAccount(keccak256(toHex("boon-gas:link-key")));
    await sendEscrow(GiftKind.Link, addressKey(newHolder("warm-link")));
    const social = socialId("x", "1234567890");
    const socialGift = await sendEscrow(GiftKind.Social, social);
    const linkGift = await sendEscrow(GiftKind.Link, addressKey(linkKey.address));
    const refundGift = await sendEscrow(GiftKind.Link, addressKey(newHolder("refund-link")));

    const batchExpiry = (await now()) + 7 * 24 * HOUR;
    const batch = (size: number, offset: number) =>
      Array.from({ length: size }, (_, i) => ({
        kind: GiftKind.Link,
        recipient: addressKey(newHolder(`batch-${offset + i}`)),
        amount,
      }));
    const batchOne = await gasOf(
      vault.write.sendGifts(
        [token.address, batch(1, 0), batchExpiry, saltOf("batch-1"), zeroHash, ""],
        asAlice,
      ),
    );
    const batchMany = await gasOf(
      vault.write.sendGifts(
        [token.address, batch(BATCH_SIZE, 1), batchExpiry, saltOf("batch-100"), zeroHash, ""],
        asAlice,
      ),
    );
    const batchGiftPerExtra = (batchMany - batchOne) / BigInt(BATCH_SIZE - 1);

    // Claims are relayed by the admin account and pay holders that never held BOON.
    const linkRecipient = newHolder("claim-link");
    const linkSignature = await linkKey.signTypedData({
      domain: giftVaultDomain(chainId, vault.address),
      types: linkClaimTypes,
      primaryType: "LinkClaim",
      message: { giftId: linkGift.giftId, recipient: linkRecipient },
    });
    const claimLink = await gasOf(
      vault.write.claimLink([
        linkGift.giftId,
        linkGift.gift,
        linkRecipient,
        compact(linkSignature),
      ]),
    );

    const socialWallet = newHolder("claim-social");
    const deadline = BigInt((await now()) + HOUR);
    const attestation = await privateKeyToAccount(devAccounts.verifier.privateKey).signTypedData({
      domain: giftVaultDomain(chainId, vault.address),
      types: socialClaimTypes,
      primaryType: "SocialClaim",
      message: { socialId: social, wallet: socialWallet, deadline },
    });
    const claimSocial = await gasOf(
      vault.write.claimSocial([
        socialGift.giftId,
        socialGift.gift,
        socialWallet,
        deadline,
        compact(attestation),
      ]),
    );

    await networkHelpers.time.increaseTo(refundGift.gift.expiry);
    const refund = await gasOf(vault.write.refund([refundGift.giftId, refundGift.gift]));

    const rewardSigner = privateKeyToAccount(devAccounts.rewardSigner.privateKey);
    const claimReward = async (account: Address, cumulativeAmount: bigint) => {
      const voucherDeadline = BigInt((await now()) + HOUR);
      const signature = await rewardSigner.signTypedData({
        domain: rewardDistributorDomain(chainId, distributor.address),
        types: rewardVoucherTypes,
        primaryType: "RewardVoucher",
        message: { account, cumulativeAmount, deadline: voucherDeadline },
      });
      return gasOf(
        distributor.write.claim([account, cumulativeAmount, voucherDeadline, compact(signature)]),
      );
    };
    // Someone else has claimed today already, as on any busy day: that claim opened the day.
    const rewardClaimOpeningDay = await claimReward(newHolder("reward-warm"), parseEther("1"));
    const viewer = newHolder("reward-viewer");
    const rewardClaimFirst = await claimReward(viewer, parseEther("1"));
    const rewardClaimRepeat = await claimReward(viewer, parseEther("2"));

    return {
      erc20Transfer,
      directGift,
      escrowGiftSocial: socialGift.gas,
      escrowGiftLink: linkGift.gas,
      batchGiftPerExtra,
      claimLink,
      claimSocial,
      refund,
      rewardClaimFirst,
      rewardClaimRepeat,
      rewardClaimOpeningDay,
    };
  } finally {
    await connection.close();
  }
}
