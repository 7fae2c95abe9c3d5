import {
  account,
  contextStat,
  contextWeeklyStat,
  contractState,
  dailyStat,
  gift,
  rewardClaim,
  roleMember,
  socialStat,
  transfer,
  vaultToken,
} from "ponder:schema";
import { boonTokenAbi, giftVaultAbi, rewardDistributorAbi } from "@boon/contracts";
import { type Abi, type Hex, keccak256, pad, toHex, zeroAddress } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import "../src/BoonToken.ts";
import "../src/GiftVault.ts";
import "../src/RewardDistributor.ts";
import { MemoryDb } from "../src/testing/memory-db.ts";
import { type RecordedEvent, recordEvent, replay } from "../src/testing/replay.ts";

const boon = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const vault = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const distributor = "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9";
const otherToken = "0x000000000000000000000000000000000000dead";
const alice = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
const bob = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
const carol = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
const linkKey = "0x1111111111111111111111111111111111111111";
const socialId = keccak256(toHex("x:12345"));
const post = keccak256(toHex("x-post-1"));
const noContext = pad("0x", { size: 32 });
const DAY = 86_400n;
const monday = BigInt(Date.UTC(2026, 10, 16, 10) / 1000); // 2026-11-16, a Monday
const dayNumber = Number(monday / DAY);

const contracts = {
  BoonToken: { address: boon },
  GiftVault: { address: vault },
  RewardDistributor: { address: distributor },
} as const;

let db: MemoryDb;
let block = 100n;
let logIndex = 0;

/** The next log, in a new block `secondsLater` after the Monday above when given. */
function at(address: Hex, timestamp: bigint): Parameters<typeof recordEvent>[4] {
  block += 1n;
  logIndex += 1;
  return { block, timestamp, tx: keccak256(toHex(`tx-${block}-${logIndex}`)), logIndex, address };
}

const vaultEvent = (name: string, args: Record<string, unknown>, timestamp = monday) =>
  recordEvent("GiftVault", giftVaultAbi as Abi, name, args, at(vault, timestamp));
const tokenEvent = (name: string, args: Record<string, unknown>, timestamp = monday) =>
  recordEvent("BoonToken", boonTokenAbi as Abi, name, args, at(boon, timestamp));
const rewardEvent = (name: string, args: Record<string, unknown>, timestamp = monday) =>
  recordEvent(
    "RewardDistributor",
    rewardDistributorAbi as Abi,
    name,
    args,
    at(distributor, timestamp),
  );

const sent = (
  giftId: bigint,
  sender: Hex,
  kind: number,
  recipient: Hex,
  amount: bigint,
  extra: { token?: Hex; context?: Hex; expiry?: number; timestamp?: bigint } = {},
) =>
  vaultEvent(
    "GiftSent",
    {
      giftId,
      sender,
      recipient: kind === 1 ? recipient : pad(recipient, { size: 32 }),
      kind,
      token: extra.token ?? boon,
      amount,
      expiry: kind === 0 ? 0 : (extra.expiry ?? Number(monday + 7n * DAY)),
      context: extra.context ?? post,
      message: `gift ${giftId}`,
    },
    extra.timestamp,
  );

const run = (events: RecordedEvent[]) => replay(events, { db, contracts });

beforeEach(() => {
  db = new MemoryDb();
});

describe("GiftVault handlers", () => {
  it("records an address gift as delivered, with sender, recipient and stats", async () => {
    const event = sent(1n, alice, 0, bob, 50n);
    await run([event]);
    expect(db.rows(gift)).toEqual([
      {
        id: 1n,
        kind: "address",
        token: boon,
        sender: alice,
        recipient: bob,
        amount: 50n,
        expiry: null,
        context: post,
        message: "gift 1",
        status: "delivered",
        claimedBy: null,
        relayer: null,
        sentBlock: event.block.number,
        sentTimestamp: monday,
        sentTx: event.transaction.hash,
        claimedBlock: null,
        claimedTimestamp: null,
        claimedTx: null,
        refundedBlock: null,
        refundedTimestamp: null,
        refundedTx: null,
      },
    ]);
    expect(await db.find(account, { address: alice })).toMatchObject({
      giftsSentCount: 1,
      giftsSentVolume: 50n,
    });
    expect(await db.find(account, { address: bob })).toMatchObject({
      giftsReceivedCount: 1,
      giftsReceivedVolume: 50n,
    });
    expect(db.rows(dailyStat)).toEqual([
      {
        day: dayNumber,
        date: "2026-11-16",
        gifts: 1,
        volume: 50n,
        uniqueSenders: 1,
        claims: 0,
        claimedVolume: 0n,
        refunds: 0,
        refundedVolume: 0n,
        rewardClaims: 0,
        rewardsMinted: 0n,
      },
    ]);
    expect(db.rows(contextStat)).toEqual([
      { context: post, gifts: 1, volume: 50n, firstGiftAt: monday, lastGiftAt: monday },
    ]);
    expect(db.rows(contextWeeklyStat)).toEqual([
      {
        id: `${post}-${dayNumber}`,
        context: post,
        weekStart: dayNumber,
        weekStartDate: "2026-11-16",
        gifts: 1,
        volume: 50n,
      },
    ]);
  });

  it("tracks a social gift from pending to claimed, and what waits for the social id", async () => {
    await run([sent(1n, alice, 1, socialId, 30n), sent(2n, bob, 1, socialId, 20n)]);
    expect(await db.find(socialStat, { socialId })).toEqual({
      socialId,
      pendingGifts: 2,
      pendingAmount: 50n,
      totalGifts: 2,
      totalAmount: 50n,
      claimedGifts: 0,
      refundedGifts: 0,
    });
    // The recipient of a social gift only "receives" it when claiming.
    expect(await db.find(account, { address: carol })).toBeNull();

    const claimDay = monday + DAY;
    const claim = vaultEvent(
      "GiftClaimed",
      { giftId: 1n, to: carol, relayer: bob, token: boon, amount: 30n },
      claimDay,
    );
    await run([claim]);
    expect(await db.find(gift, { id: 1n })).toMatchObject({
      status: "claimed",
      claimedBy: carol,
      relayer: bob,
      claimedBlock: claim.block.number,
      claimedTimestamp: claimDay,
      claimedTx: claim.transaction.hash,
    });
    expect(await db.find(socialStat, { socialId })).toMatchObject({
      pendingGifts: 1,
      pendingAmount: 20n,
      claimedGifts: 1,
    });
    expect(await db.find(account, { address: carol })).toMatchObject({
      giftsReceivedCount: 1,
      giftsReceivedVolume: 30n,
    });
    expect(await db.find(dailyStat, { day: dayNumber + 1 })).toMatchObject({
      gifts: 0,
      claims: 1,
      claimedVolume: 30n,
    });
  });

  it("refunds an expired link gift and counts the refund on the day it happens", async () => {
    await run([sent(7n, alice, 2, linkKey, 40n)]);
    expect(await db.find(gift, { id: 7n })).toMatchObject({
      kind: "link",
      recipient: linkKey,
      status: "pending",
    });
    const later = monday + 8n * DAY;
    const refund = vaultEvent(
      "GiftRefunded",
      { giftId: 7n, sender: alice, relayer: carol, token: boon, amount: 40n },
      later,
    );
    await run([refund]);
    expect(await db.find(gift, { id: 7n })).toMatchObject({
      status: "refunded",
      relayer: carol,
      refundedTimestamp: later,
      refundedTx: refund.transaction.hash,
      claimedBy: null,
    });
    expect(await db.find(dailyStat, { day: dayNumber + 8 })).toMatchObject({
      refunds: 1,
      refundedVolume: 40n,
    });
    expect(db.rows(socialStat)).toEqual([]);
  });

  it("counts each sender once per day", async () => {
    await run([
      sent(1n, alice, 0, bob, 1n),
      sent(2n, alice, 0, carol, 2n),
      sent(3n, bob, 0, carol, 3n),
      sent(4n, alice, 0, bob, 4n, { timestamp: monday + DAY }),
    ]);
    expect(db.rows(dailyStat).map((d) => [d.day, d.gifts, d.volume, d.uniqueSenders])).toEqual([
      [dayNumber, 3, 6n, 2],
      [dayNumber + 1, 1, 4n, 1],
    ]);
  });

  it("keeps gifts without context out of the post stats and splits posts by week", async () => {
    await run([
      sent(1n, alice, 0, bob, 5n, { context: noContext }),
      sent(2n, alice, 0, bob, 6n, { timestamp: monday + 6n * DAY }),
      sent(3n, alice, 0, bob, 7n, { timestamp: monday + 7n * DAY }),
    ]);
    expect((await db.find(gift, { id: 1n }))?.context).toBeNull();
    expect(db.rows(contextStat)).toEqual([
      {
        context: post,
        gifts: 2,
        volume: 13n,
        firstGiftAt: monday + 6n * DAY,
        lastGiftAt: monday + 7n * DAY,
      },
    ]);
    expect(db.rows(contextWeeklyStat).map((w) => [w.weekStartDate, w.gifts, w.volume])).toEqual([
      ["2026-11-16", 1, 6n],
      ["2026-11-23", 1, 7n],
    ]);
  });

  it("counts gifts of another token without adding them to BOON volumes", async () => {
    await run([sent(1n, alice, 0, bob, 1000n, { token: otherToken })]);
    expect(await db.find(gift, { id: 1n })).toMatchObject({ token: otherToken, amount: 1000n });
    expect(db.rows(dailyStat)[0]).toMatchObject({ gifts: 1, volume: 0n });
    expect(await db.find(account, { address: alice })).toMatchObject({
      giftsSentCount: 1,
      giftsSentVolume: 0n,
    });
  });

  it("fails loudly on a claim of a gift it never saw", async () => {
    const claim = vaultEvent("GiftClaimed", {
      giftId: 99n,
      to: carol,
      relayer: carol,
      token: boon,
      amount: 1n,
    });
    await expect(run([claim])).rejects.toThrow("missing row in gift");
  });

  it("folds allow-list, pause and role events into state tables", async () => {
    const minter = keccak256(toHex("MINTER_ROLE"));
    await run([
      vaultEvent("TokenAllowed", { token: boon, allowed: true }),
      vaultEvent("Paused", { account: alice }),
      vaultEvent("Unpaused", { account: alice }),
      vaultEvent("Paused", { account: alice }),
      tokenEvent("RoleGranted", { role: minter, account: distributor, sender: alice }),
      tokenEvent("RoleGranted", { role: minter, account: carol, sender: alice }),
      tokenEvent("RoleRevoked", { role: minter, account: carol, sender: alice }),
    ]);
    expect(db.rows(vaultToken)).toMatchObject([{ token: boon, allowed: true }]);
    expect(db.rows(contractState)).toMatchObject([{ contract: vault, paused: true }]);
    expect(db.rows(roleMember).map((r) => [r.contract, r.role, r.account, r.active])).toEqual([
      [boon, "MINTER_ROLE", distributor, true],
      [boon, "MINTER_ROLE", carol, false],
    ]);
  });
});

describe("BoonToken handlers", () => {
  it("moves balances and records transfers, without a zero-address account for mints", async () => {
    const mint = tokenEvent("Transfer", { from: zeroAddress, to: alice, value: 100n });
    await run([mint, tokenEvent("Transfer", { from: alice, to: bob, value: 30n })]);
    expect(db.rows(account).map((a) => [a.address, a.boonBalance])).toEqual([
      [alice, 70n],
      [bob, 30n],
    ]);
    expect(db.rows(transfer)[0]).toEqual({
      id: `${mint.transaction.hash}-${mint.log.logIndex}`,
      from: zeroAddress,
      to: alice,
      amount: 100n,
      blockNumber: mint.block.number,
      timestamp: monday,
      txHash: mint.transaction.hash,
    });
  });
});

describe("RewardDistributor handlers", () => {
  it("records claims and adds them to the contract's day and the account", async () => {
    const claimDay = BigInt(dayNumber);
    await run([
      rewardEvent("RewardClaimed", {
        account: alice,
        relayer: bob,
        amount: 10n,
        cumulativeAmount: 10n,
        day: claimDay,
      }),
      rewardEvent("RewardClaimed", {
        account: alice,
        relayer: alice,
        amount: 5n,
        cumulativeAmount: 15n,
        day: claimDay,
      }),
    ]);
    expect(
      db.rows(rewardClaim).map((r) => [r.account, r.relayer, r.amount, r.cumulativeAmount, r.day]),
    ).toEqual([
      [alice, bob, 10n, 10n, dayNumber],
      [alice, alice, 5n, 15n, dayNumber],
    ]);
    expect(await db.find(account, { address: alice })).toMatchObject({
      rewardsClaimed: 15n,
      rewardClaimsCount: 2,
    });
    expect(await db.find(dailyStat, { day: dayNumber })).toMatchObject({
      rewardClaims: 2,
      rewardsMinted: 15n,
    });
  });
});
