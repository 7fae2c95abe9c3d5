import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  type CompactSignature,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
} from "viem";
import { rewardDistributorDomain } from "../src/index.ts";
import {
  type Boon,
  DAILY_CAP,
  DAY,
  deployBoon,
  garbageSignature,
  HOUR,
  keyFor,
  MAX_CLAIM,
  malleate,
  rewardSigner,
  SUPPLY_CAP,
} from "./fixtures.ts";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const { assertions } = viem;
const UINT128_MAX = 2n ** 128n - 1n;
const UINT56_MAX = 2n ** 56n - 1n;
const BOON = 10n ** 18n;

/** A fresh deployment with carol as the voucher's account and a deadline an hour from now. */
async function carolsVoucher() {
  const b = await networkHelpers.loadFixture(deployBoon);
  const account = b.carol.account.address;
  const deadline = BigInt((await b.now()) + HOUR);
  return { b, account, deadline };
}

/** Moves to the start of the next UTC day, so a test stays inside one day. */
async function startOfNextDay() {
  const now = await networkHelpers.time.latest();
  await networkHelpers.time.increaseTo((Math.floor(now / DAY) + 1) * DAY);
}

/** Claims `voucher`, signed by `signer` (the reward signer unless given). */
async function claimVoucher(
  b: Boon,
  voucher: Parameters<Boon["signVoucher"]>[0],
  signer?: Parameters<Boon["signVoucher"]>[1],
) {
  const { account, cumulativeAmount, deadline } = voucher;
  const signature = await b.signVoucher(voucher, signer);
  return b.distributor.write.claim([account, cumulativeAmount, deadline, signature]);
}

/** Claims a fresh voucher of `cumulativeAmount` for the account of `label`. */
async function claimFor(b: Boon, label: string, cumulativeAmount: bigint) {
  const account = keyFor(label).address;
  const deadline = BigInt((await b.now()) + 2 * DAY);
  return claimVoucher(b, { account, cumulativeAmount, deadline });
}

/** A claim of `amount` for `label` is refused: the day has only `left` to pay. */
function refusedOverCap(b: Boon, label: string, amount: bigint, left: bigint) {
  return assertions.revertWithCustomErrorWithArgs(
    claimFor(b, label, amount),
    b.distributor,
    "DailyCapExceeded",
    [amount, left],
  );
}

describe("RewardDistributor", () => {
  it("starts with its token, roles, caps, an unopened day and its EIP-712 domain", async () => {
    const { distributor, token, admin, chainId } = await networkHelpers.loadFixture(deployBoon);
    assert.equal((await distributor.read.token()).toLowerCase(), token.address.toLowerCase());
    assert.deepEqual(await distributor.read.caps(), [DAILY_CAP, MAX_CLAIM]);
    const signerRole = await distributor.read.REWARD_SIGNER_ROLE();
    assert.equal(signerRole, keccak256(toHex("REWARD_SIGNER_ROLE")));
    assert.equal(await distributor.read.hasRole([signerRole, rewardSigner.address]), true);
    assert.equal(
      await distributor.read.hasRole([await distributor.read.PAUSER_ROLE(), admin.account.address]),
      true,
    );
    assert.equal(await distributor.read.paused(), false);
    assert.equal(await distributor.read.paidToday(), 0n);
    // nothing is minted before the first claim of a day; the whole cap is ahead
    assert.equal(await distributor.read.remainingToday(), DAILY_CAP);
    assert.equal(await token.read.balanceOf([distributor.address]), 0n);
    const [, name, version, domainChainId, verifyingContract] =
      await distributor.read.eip712Domain();
    assert.deepEqual(
      [name, version, domainChainId, verifyingContract],
      ["Boon RewardDistributor", "1", BigInt(chainId), getAddress(distributor.address)],
    );
  });

  it("pays the difference of a cumulative voucher to its account, whoever relays", async () => {
    const { b, account, deadline } = await carolsVoucher();
    const { distributor, token, relayer, now } = b;
    const first = { account, cumulativeAmount: 30n, deadline };
    const at = (await now()) + 1;
    await networkHelpers.time.setNextBlockTimestamp(at);
    const opening = distributor.write.claim([account, 30n, deadline, await b.signVoucher(first)], {
      account: relayer.account,
    });
    // the day's first claim mints the day's budget, then pays from it: the Transfer is the record
    await assertions.emitWithArgs(opening, distributor, "BudgetSet", [
      BigInt(Math.floor(at / DAY)),
      DAILY_CAP,
      DAILY_CAP,
      0n,
    ]);
    const second = distributor.write.claim(
      [account, 50n, deadline, await b.signVoucher({ ...first, cumulativeAmount: 50n })],
      { account: relayer.account },
    );
    await assertions.emitWithArgs(second, token, "Transfer", [distributor.address, account, 20n]);
    assert.equal(await b.balanceOf(account), 50n);
    assert.equal(await b.balanceOf(relayer.account.address), 0n);
    assert.equal(await distributor.read.claimed([account]), 50n);
    assert.equal(await distributor.read.paidToday(), 50n);
    assert.equal(await distributor.read.remainingToday(), DAILY_CAP - 50n);
    assert.equal(await b.balanceOf(distributor.address), DAILY_CAP - 50n);
  });

  it("never pays a voucher twice or an older voucher after a newer one", async () => {
    const { b, account, deadline } = await carolsVoucher();
    const { distributor } = b;
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
    const { b, account, deadline } = await carolsVoucher();
    const { distributor, bob, chainId, now } = b;
    const voucher = { account, cumulativeAmount: 10n, deadline };
    const rejected = async (signature: CompactSignature, to = account) =>
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
    await rejected(garbageSignature);

    const past = BigInt(await now());
    await assertions.revertWithCustomErrorWithArgs(
      claimVoucher(b, { ...voucher, deadline: past }),
      distributor,
      "VoucherExpired",
      [past],
    );
    await assertions.revertWithCustomError(
      claimVoucher(b, { ...voucher, account: zeroAddress }),
      distributor,
      "InvalidAccount",
    );
  });

  it("stops accepting a signer once its role is revoked or renounced", async () => {
    const { b, account, deadline } = await carolsVoucher();
    const { distributor, admin } = b;
    const next = keyFor("reward-signer-2");
    const spare = keyFor("reward-signer-3");
    const role = await distributor.read.REWARD_SIGNER_ROLE();
    const claimSignedBy = (cumulativeAmount: bigint, signer = rewardSigner) =>
      claimVoucher(b, { account, cumulativeAmount, deadline }, signer);
    await distributor.write.grantRole([role, spare.address]);
    await distributor.write.grantRole([role, next.address]);
    // an older grant still signs (through the role), the newest one too (the fast path)
    await claimSignedBy(5n);
    await claimSignedBy(6n, spare);
    await distributor.write.revokeRole([role, rewardSigner.address]);
    await assertions.revertWithCustomError(claimSignedBy(10n), distributor, "InvalidSignature");
    await claimSignedBy(10n, next);
    // the newest key renouncing leaves no fast path, and its vouchers die with it
    await admin.sendTransaction({ to: next.address, value: 10n ** 18n });
    await distributor.write.renounceRole([role, next.address], { account: next });
    await assertions.revertWithCustomError(
      claimSignedBy(11n, next),
      distributor,
      "InvalidSignature",
    );
    await claimSignedBy(11n, spare);
    assert.equal(await b.balanceOf(account), 11n);
  });

  it("caps one claim and what each UTC day pays, and follows cap changes at once", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, token } = b;
    await startOfNextDay();
    await assertions.revertWithCustomErrorWithArgs(
      claimFor(b, "big", MAX_CLAIM + 1n),
      distributor,
      "ClaimAboveCap",
      [MAX_CLAIM + 1n, MAX_CLAIM],
    );
    const perDay = Number(DAILY_CAP / MAX_CLAIM);
    for (let i = 0; i < perDay - 1; i++) await claimFor(b, `user-${i}`, MAX_CLAIM);
    await claimFor(b, "almost", MAX_CLAIM - 1n);
    assert.equal(await distributor.read.paidToday(), DAILY_CAP - 1n);
    await refusedOverCap(b, "over", 2n, 1n);
    await claimFor(b, "last", 1n);
    const supplyBefore = await token.read.totalSupply();
    // the admin raises the cap: today's budget grows at once, by a mint
    await distributor.write.setCaps([DAILY_CAP + 5n, MAX_CLAIM]);
    assert.equal(await distributor.read.remainingToday(), 5n);
    assert.equal(await token.read.totalSupply(), supplyBefore + 5n);
    // and lowers it below what was paid today: the rest is burned and nothing more is paid
    await distributor.write.setCaps([DAILY_CAP - 10n, MAX_CLAIM]);
    assert.equal(await distributor.read.remainingToday(), 0n);
    assert.equal(await token.read.totalSupply(), supplyBefore);
    await refusedOverCap(b, "after-cut", 1n, 0n);
    assert.equal(await distributor.read.paidToday(), DAILY_CAP);
    // a new UTC day starts a new budget at the current cap
    await networkHelpers.time.increase(DAY);
    assert.equal(await distributor.read.paidToday(), 0n);
    assert.equal(await distributor.read.remainingToday(), DAILY_CAP - 10n);
    await claimFor(b, "next-day", MAX_CLAIM);
    assert.equal(await distributor.read.paidToday(), MAX_CLAIM);
    assert.equal(await b.balanceOf(distributor.address), DAILY_CAP - 10n - MAX_CLAIM);
  });

  it("opens a day on what is left: tops it up to the cap, burns anything above", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, token, alice } = b;
    await startOfNextDay();
    await claimFor(b, "one", 40n);
    // the unpaid rest carries over: the next day mints only the difference to the cap
    await networkHelpers.time.increase(DAY);
    const opening = claimFor(b, "two", 1n);
    await assertions.emitWithArgs(opening, distributor, "BudgetSet", [
      BigInt(Math.floor((await networkHelpers.time.latest()) / DAY)),
      DAILY_CAP,
      40n,
      0n,
    ]);
    // tokens sent to the distributor join today's budget, and are burned when the next day opens
    await token.write.transfer([distributor.address, 7n], { account: alice.account });
    assert.equal(await distributor.read.remainingToday(), DAILY_CAP - 1n + 7n);
    await networkHelpers.time.increase(DAY);
    assert.equal(await distributor.read.remainingToday(), DAILY_CAP);
    await assertions.emitWithArgs(claimFor(b, "three", 1n), distributor, "BudgetSet", [
      BigInt(Math.floor((await networkHelpers.time.latest()) / DAY)),
      DAILY_CAP,
      0n,
      6n,
    ]);
  });

  it("never mints past the token's supply cap", async () => {
    const b = await networkHelpers.loadFixture(deployBoon);
    const { distributor, token, admin } = b;
    await startOfNextDay();
    const headroom = 30n;
    await token.write.mint([
      admin.account.address,
      SUPPLY_CAP - (await token.read.totalSupply()) - headroom,
    ]);
    assert.equal(await distributor.read.remainingToday(), headroom);
    await claimFor(b, "first", 20n);
    assert.equal(await token.read.totalSupply(), SUPPLY_CAP);
    await refusedOverCap(b, "second", 11n, 10n);
  });

  it("lets only the admin set valid caps (the per-claim cap in whole BOON)", async () => {
    const { distributor, carol } = await networkHelpers.loadFixture(deployBoon);
    await assertions.emitWithArgs(
      distributor.write.setCaps([500n, 50n * BOON]),
      distributor,
      "CapsSet",
      [500n, 50n * BOON],
    );
    assert.deepEqual(await distributor.read.caps(), [500n, 50n * BOON]);
    for (const [dailyCap, maxClaim] of [
      [0n, BOON],
      [1n, 0n],
      [UINT128_MAX + 1n, BOON],
      [1n, BOON + 1n],
      [1n, (UINT56_MAX + 1n) * BOON],
    ] as const) {
      await assertions.revertWithCustomErrorWithArgs(
        distributor.write.setCaps([dailyCap, maxClaim]),
        distributor,
        "InvalidCaps",
        [dailyCap, maxClaim],
      );
    }
    await distributor.write.setCaps([UINT128_MAX, UINT56_MAX * BOON]);
    assert.deepEqual(await distributor.read.caps(), [UINT128_MAX, UINT56_MAX * BOON]);
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.setCaps([1n, BOON], { account: carol.account }),
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
      parseEther("1"),
    ]);
    assert.equal(
      await bare.read.hasRole([await bare.read.REWARD_SIGNER_ROLE(), zeroAddress]),
      false,
    );
  });

  it("pauses claims, and only for the pauser", async () => {
    const { b, account, deadline } = await carolsVoucher();
    const { distributor, carol, admin } = b;
    const signature = await b.signVoucher({ account, cumulativeAmount: 10n, deadline });
    const pauserRole = await distributor.read.PAUSER_ROLE();
    await assertions.revertWithCustomErrorWithArgs(
      distributor.write.pause({ account: carol.account }),
      distributor,
      "AccessControlUnauthorizedAccount",
      [account, pauserRole],
    );
    await assertions.revertWithCustomError(
      distributor.write.unpause(),
      distributor,
      "ExpectedPause",
    );
    await assertions.emitWithArgs(distributor.write.pause(), distributor, "Paused", [
      admin.account.address,
    ]);
    assert.equal(await distributor.read.paused(), true);
    await assertions.revertWithCustomError(distributor.write.pause(), distributor, "EnforcedPause");
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
