import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { rewardDistributorDomain } from "../src/eip712.ts";
import {
  DAILY_CAP,
  DAY,
  deployBoon,
  HOUR,
  keyFor,
  MAX_CLAIM,
  malleate,
  rewardSigner,
} from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const { assertions } = viem;
const UINT112_MAX = 2n ** 112n - 1n;
const UINT104_MAX = 2n ** 104n - 1n;

describe("RewardDistributor", () => {
  it("starts with its token, roles, caps and voucher type", async () => {
    const { distributor, token, admin } = await networkHelpers.loadFixture(deployBoon);
    assert.equal((await distributor.read.token()).toLowerCase(), token.address.toLowerCase());
    assert.deepEqual(await distributor.read.caps(), [DAILY_CAP, MAX_CLAIM]);
    assert.equal(
      await distributor.read.VOUCHER_TYPEHASH(),
      keccak256(toHex("RewardVoucher(address account,uint256 cumulativeAmount,uint256 deadline)")),
    );
    const signerRole = await distributor.read.REWARD_SIGNER_ROLE();
    assert.equal(signerRole, keccak256(toHex("REWARD_SIGNER_ROLE")));
    assert.equal(await distributor.read.hasRole([signerRole, rewardSigner.address]), true);
    assert.equal(
      await distributor.read.hasRole([await distributor.read.PAUSER_ROLE(), admin.account.address]),
      true,
    );
    assert.equal(await distributor.read.mintedToday(), 0n);
    assert.match(await distributor.read.domainSeparator(), /^0x[0-9a-f]{64}$/);
  });

  it("mints the difference of a cumulative voucher to its account, whoever relays", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, carol, relayer, now } = b;
    const account = carol.account.address;
    const deadline = BigInt((await now()) + HOUR);
    const first = { account, cumulativeAmount: 30n, deadline };
    const day = BigInt(Math.floor(((await now()) + 1) / DAY));
    await networkHelpers.time.setNextBlockTimestamp((await now()) + 1);
    await assertions.emitWithArgs(
      distributor.write.claim([account, 30n, deadline, await b.signVoucher(first)], {
        account: relayer.account,
      }),
      distributor,
      "RewardClaimed",
      [account, relayer.account.address, 30n, 30n, day],
    );
    await distributor.write.claim(
      [account, 50n, deadline, await b.signVoucher({ ...first, cumulativeAmount: 50n })],
      {
        account: relayer.account,
      },
    );
    assert.equal(await b.balanceOf(account), 50n);
    assert.equal(await b.balanceOf(relayer.account.address), 0n);
    assert.equal(await distributor.read.claimed([account]), 50n);
    assert.equal(await distributor.read.mintedToday(), 50n);
  });

  it("never pays a voucher twice or an older voucher after a newer one", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, carol, now } = b;
    const account = carol.account.address;
    const deadline = BigInt((await now()) + HOUR);
    const older = await b.signVoucher({ account, cumulativeAmount: 10n, deadline });
    const newer = await b.signVoucher({ account, cumulativeAmount: 20n, deadline });
    await distributor.write.claim([account, 20n, deadline, newer]);
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.claim([account, 20n, deadline, newer]),
      distributor,
      "NothingToClaim",
      [20n, 20n],
    );
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.claim([account, 10n, deadline, older]),
      distributor,
      "NothingToClaim",
      [10n, 20n],
    );
    assert.equal(await b.balanceOf(account), 20n);
  });

  it("rejects vouchers for another chain, contract or account, expired, malleable or unsigned", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, carol, bob, chainId, now } = b;
    const account = carol.account.address;
    const deadline = BigInt((await now()) + HOUR);
    const voucher = { account, cumulativeAmount: 10n, deadline };
    const rejected = async (signature: `0x${string}`, to = account) =>
      assertions.revertWithCustomError(
        distributor.write.claim([to, 10n, deadline, signature]),
        distributor,
        "InvalidSignature",
      );
    await rejected(
      await b.signVoucher(
        voucher,
        undefined,
        rewardDistributorDomain(chainId + 1, distributor.address),
      ),
    );
    await rejected(
      await b.signVoucher(voucher, undefined, rewardDistributorDomain(chainId, b.vault.address)),
    );
    await rejected(await b.signVoucher(voucher), bob.account.address);
    await rejected(await b.signVoucher(voucher, keyFor("not-a-signer")));
    await rejected(malleate(await b.signVoucher(voucher)));
    await rejected("0xdeadbeef");

    const past = BigInt(await now());
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.claim([
        account,
        10n,
        past,
        await b.signVoucher({ ...voucher, deadline: past }),
      ]),
      distributor,
      "VoucherExpired",
      [past],
    );
    await assertions.revertWithCustomError(
      distributor.write.claim([
        zeroAddress,
        10n,
        deadline,
        await b.signVoucher({ ...voucher, account: zeroAddress }),
      ]),
      distributor,
      "InvalidAccount",
    );
  });

  it("stops accepting a signer once its role is revoked", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, carol, now } = b;
    const account = carol.account.address;
    const deadline = BigInt((await now()) + HOUR);
    const next = keyFor("reward-signer-2");
    const role = await distributor.read.REWARD_SIGNER_ROLE();
    await distributor.write.grantRole([role, next.address]);
    await distributor.write.revokeRole([role, rewardSigner.address]);
    await assertions.revertWithCustomError(
      distributor.write.claim([
        account,
        10n,
        deadline,
        await b.signVoucher({ account, cumulativeAmount: 10n, deadline }),
      ]),
      distributor,
      "InvalidSignature",
    );
    await distributor.write.claim([
      account,
      10n,
      deadline,
      await b.signVoucher({ account, cumulativeAmount: 10n, deadline }, next),
    ]);
    assert.equal(await b.balanceOf(account), 10n);
  });

  it("caps one claim and the global mint of each UTC day", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, now } = b;
    // start right after midnight so the whole test stays inside one UTC day
    await networkHelpers.time.increaseTo((Math.floor((await now()) / DAY) + 1) * DAY);
    const deadline = BigInt((await now()) + 2 * DAY);
    const claim = async (label: string, cumulativeAmount: bigint) => {
      const account = keyFor(label).address;
      return distributor.write.claim([
        account,
        cumulativeAmount,
        deadline,
        await b.signVoucher({ account, cumulativeAmount, deadline }),
      ]);
    };
    await assertions.revertWithCustomErrorWithArgs(
      claim("big", MAX_CLAIM + 1n),
      distributor,
      "ClaimAboveCap",
      [MAX_CLAIM + 1n, MAX_CLAIM],
    );
    const perDay = Number(DAILY_CAP / MAX_CLAIM);
    for (let i = 0; i < perDay - 1; i++) await claim(`user-${i}`, MAX_CLAIM);
    await claim("almost", MAX_CLAIM - 1n);
    assert.equal(await distributor.read.mintedToday(), DAILY_CAP - 1n);
    await assertions.revertWithCustomErrorWithArgs(
      claim("over", 2n),
      distributor,
      "DailyCapExceeded",
      [2n, 1n],
    );
    await claim("last", 1n);
    // the admin lowers the cap below what was minted today: nothing remains
    await distributor.write.setCaps([DAILY_CAP - 10n, MAX_CLAIM]);
    await assertions.revertWithCustomErrorWithArgs(
      claim("after-cut", 1n),
      distributor,
      "DailyCapExceeded",
      [1n, 0n],
    );
    // a new UTC day starts from zero
    await networkHelpers.time.increase(DAY);
    assert.equal(await distributor.read.mintedToday(), 0n);
    await claim("next-day", MAX_CLAIM);
    assert.equal(await distributor.read.mintedToday(), MAX_CLAIM);
  });

  it("lets only the admin set valid caps", async () => {
    const { distributor, carol } = await networkHelpers.loadFixture(deployBoon);
    await assertions.emitWithArgs(distributor.write.setCaps([500n, 50n]), distributor, "CapsSet", [
      500n,
      50n,
    ]);
    assert.deepEqual(await distributor.read.caps(), [500n, 50n]);
    for (const [dailyCap, maxClaim] of [
      [0n, 1n],
      [1n, 0n],
      [UINT112_MAX + 1n, 1n],
      [1n, UINT104_MAX + 1n],
    ] as const) {
      await assertions.revertWithCustomErrorWithArgs(
        distributor.write.setCaps([dailyCap, maxClaim]),
        distributor,
        "InvalidCaps",
        [dailyCap, maxClaim],
      );
    }
    await distributor.write.setCaps([UINT112_MAX, UINT104_MAX]);
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.setCaps([1n, 1n], { account: carol.account }),
      distributor,
      "AccessControlUnauthorizedAccount",
      [carol.account.address, zeroHash],
    );
  });

  it("deploys without a signer when given the zero address", async () => {
    const { token, admin } = await networkHelpers.loadFixture(deployBoon);
    const bare = await viem.deployContract("RewardDistributor", [
      token.address,
      admin.account.address,
      zeroAddress,
      1n,
      1n,
    ]);
    assert.equal(
      await bare.read.hasRole([await bare.read.REWARD_SIGNER_ROLE(), zeroAddress]),
      false,
    );
  });

  it("pauses claims, and only for the pauser", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, carol, admin, now } = b;
    const account = carol.account.address;
    const deadline = BigInt((await now()) + HOUR);
    const signature = await b.signVoucher({ account, cumulativeAmount: 10n, deadline });
    const pauserRole = await distributor.read.PAUSER_ROLE();
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.pause({ account: carol.account }),
      distributor,
      "AccessControlUnauthorizedAccount",
      [account, pauserRole],
    );
    await assertions.emitWithArgs(distributor.write.pause(), distributor, "Paused", [
      admin.account.address,
    ]);
    await assertions.revertWithCustomError(
      distributor.write.claim([account, 10n, deadline, signature]),
      distributor,
      "EnforcedPause",
    );
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.unpause({ account: carol.account }),
      distributor,
      "AccessControlUnauthorizedAccount",
      [account, pauserRole],
    );
    await assertions.emitWithArgs(distributor.write.unpause(), distributor, "Unpaused", [
      admin.account.address,
    ]);
    await distributor.write.claim([account, 10n, deadline, signature]);
    assert.equal(await b.balanceOf(account), 10n);
  });
});
