import {
  account,
  contextStat,
  contextWeeklyStat,
  contractState,
  dailyStat,
  gift,
  openGift,
  rewardBudget,
  rewardClaim,
  roleMember,
  socialStat,
  transfer,
  vaultToken,
} from "ponder:schema";
import {
  boonTokenAbi,
  GiftKind,
  giftIdOf,
  giftVaultAbi,
  linkGiftId,
  rewardDistributorAbi,
} from "@boon/contracts";
import { type Abi, type Hex, keccak256, pad, toHex, zeroAddress } from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import "../src/BoonToken.ts";
import "../src/GiftVault.ts";
import "../src/RewardDistributor.ts";
import { MemoryDb } from "./harness/memory-db.ts";
import { type RecordedEvent, recordEvent, replay, type Where } from "./harness/replay.ts";
import { quietDay } from "./support/daily-stat.ts";

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

/** The next log, in a new block at `timestamp`, sent by `from`. */
function at(address: Hex, timestamp: bigint, from?: Hex): Where {
  block += 1n;
  logIndex += 1;
  return {
    block,
    timestamp,
    tx: keccak256(toHex(`tx-${block}-${logIndex}`)),
    logIndex,
    address,
    from,
  };
}

const vaultEvent = (name: string, args: Record<string, unknown>, timestamp = monday, from?: Hex) =>
  recordEvent("GiftVault", giftVaultAbi as Abi, name, args, at(vault, timestamp, from));
const tokenEvent = (name: string, args: Record<string, unknown>, timestamp = monday, from?: Hex) =>
  recordEvent("BoonToken", boonTokenAbi as Abi, name, args, at(boon, timestamp, from));
const rewardEvent = (name: string, args: Record<string, unknown>, timestamp = monday) =>
  recordEvent(
    "RewardDistributor",
    rewardDistributorAbi as Abi,
    name,
    args,
    at(distributor, timestamp),
  );

type Extra = { token?: Hex; context?: Hex; expiry?: number; timestamp?: bigint; salt?: bigint };
const defaultExpiry = Number(monday + 7n * DAY);

/** A single gift's send event: GiftDelivered, SocialGiftSent or LinkGiftSent by kind. */
function sent(sender: Hex, kind: number, recipient: Hex, amount: bigint, extra: Extra = {}) {
  const common = {
    sender,
    token: extra.token ?? boon,
    amount,
    context: extra.context ?? post,
    message: `gift of ${amount}`,
  };
  const expiry = extra.expiry ?? defaultExpiry;
  if (kind === GiftKind.Address) {
    return vaultEvent("GiftDelivered", { ...common, to: recipient }, extra.timestamp);
  }
  if (kind === GiftKind.Social) {
    const giftId = giftIdOf(sender, extra.salt ?? 1n);
    return vaultEvent(
      "SocialGiftSent",
      { ...common, giftId, socialId: recipient, expiry },
      extra.timestamp,
    );
  }
  const giftId = linkGiftId(sender, recipient);
  return vaultEvent(
    "LinkGiftSent",
    { ...common, giftId, linkKey: recipient, expiry },
    extra.timestamp,
  );
}

const claimed = (giftId: bigint, to: Hex, relayer: Hex, amount: bigint, timestamp = monday) =>
  vaultEvent("GiftClaimed", { giftId, to, relayer, token: boon, amount }, timestamp, relayer);
const refunded = (giftId: bigint, sender: Hex, relayer: Hex, amount: bigint, timestamp = monday) =>
  vaultEvent("GiftRefunded", { giftId, sender, relayer, token: boon, amount }, timestamp, relayer);

/** The gift row a send event made (entry 0 unless given). */
const rowOf = (event: RecordedEvent, entry = 0) => db.find(gift, { eventId: event.id, entry });

const run = (events: RecordedEvent[]) => replay(events, { db, contracts });

beforeEach(() => {
  db = new MemoryDb();
});

describe("GiftVault handlers", () => {
  it("records an address gift as delivered, with sender, recipient and stats", async () => {
    const event = sent(alice, GiftKind.Address, bob, 50n);
    await run([event]);
    expect(db.rows(gift)).toEqual([
      {
        eventId: event.id,
        entry: 0,
        giftId: null,
        kind: "address",
        token: boon,
        sender: alice,
        recipient: bob,
        amount: 50n,
        expiry: null,
        context: post,
        message: "gift of 50",
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
    expect(db.rows(openGift)).toEqual([]);
    expect(await db.find(account, { address: alice })).toMatchObject({
      giftsSentCount: 1,
      giftsSentVolume: 50n,
    });
    expect(await db.find(account, { address: bob })).toMatchObject({
      giftsReceivedCount: 1,
      giftsReceivedVolume: 50n,
    });
    expect(db.rows(dailyStat)).toEqual([
      { ...quietDay(dayNumber), date: "2026-11-16", gifts: 1, volume: 50n, uniqueSenders: 1 },
    ]);
    expect(db.rows(contextStat)).toEqual([
      { context: post, gifts: 1, volume: 50n, firstGiftAt: monday, lastGiftAt: monday },
    ]);
    expect(db.rows(contextWeeklyStat)).toEqual([
      {
        context: post,
        weekStart: dayNumber,
        weekStartDate: "2026-11-16",
        gifts: 1,
        volume: 50n,
      },
    ]);
  });

  it("tracks a social gift from pending to claimed, and what waits for the social id", async () => {
    const first = sent(alice, GiftKind.Social, socialId, 30n);
    await run([first, sent(bob, GiftKind.Social, socialId, 20n)]);
    const firstId = giftIdOf(alice, 1n);
    expect(await rowOf(first)).toMatchObject({
      giftId: firstId,
      kind: "social",
      recipient: socialId,
      expiry: BigInt(defaultExpiry),
      status: "pending",
    });
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
    const claim = claimed(firstId, carol, bob, 30n, claimDay);
    await run([claim]);
    expect(await rowOf(first)).toMatchObject({
      status: "claimed",
      claimedBy: carol,
      relayer: bob,
      claimedBlock: claim.block.number,
      claimedTimestamp: claimDay,
      claimedTx: claim.transaction.hash,
    });
    expect(await db.find(openGift, { giftId: firstId })).toBeNull();
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
    const send = sent(alice, GiftKind.Link, linkKey, 40n);
    await run([send]);
    expect(await rowOf(send)).toMatchObject({
      giftId: linkGiftId(alice, linkKey),
      kind: "link",
      recipient: linkKey,
      status: "pending",
    });
    const later = monday + 8n * DAY;
    const refund = refunded(linkGiftId(alice, linkKey), alice, carol, 40n, later);
    await run([refund]);
    expect(await rowOf(send)).toMatchObject({
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

  it("records every entry of a batch, escrowed ones under their derived ids", async () => {
    const salt = 500n;
    const batch = vaultEvent("GiftsSent", {
      sender: alice,
      token: boon,
      expiry: defaultExpiry,
      salt,
      context: post,
      message: "batch",
      gifts: [
        { kind: GiftKind.Address, recipient: pad(bob, { size: 32 }), amount: 1n },
        { kind: GiftKind.Social, recipient: socialId, amount: 2n },
        { kind: GiftKind.Link, recipient: pad(linkKey, { size: 32 }), amount: 3n },
      ],
    });
    await run([batch]);
    expect(
      db.rows(gift).map((g) => [g.entry, g.giftId, g.kind, g.recipient, g.amount, g.status]),
    ).toEqual([
      [0, null, "address", bob, 1n, "delivered"],
      [1, giftIdOf(alice, salt + 1n), "social", socialId, 2n, "pending"],
      [2, linkGiftId(alice, linkKey), "link", linkKey, 3n, "pending"],
    ]);
    await run([claimed(giftIdOf(alice, salt + 1n), carol, carol, 2n)]);
    expect(await rowOf(batch, 1)).toMatchObject({ status: "claimed", claimedBy: carol });
    expect(db.rows(dailyStat)[0]).toMatchObject({ gifts: 3, volume: 6n, uniqueSenders: 1 });
  });

  it("keeps both gifts when a sender reuses an ended gift's salt", async () => {
    const first = sent(alice, GiftKind.Social, socialId, 5n, { salt: 9n });
    const giftId = giftIdOf(alice, 9n);
    const second = sent(alice, GiftKind.Social, socialId, 6n, { salt: 9n });
    await run([first, refunded(giftId, alice, alice, 5n, monday + 8n * DAY), second]);
    await run([claimed(giftId, carol, carol, 6n, monday + 9n * DAY)]);
    expect(db.rows(gift).map((g) => [g.giftId, g.amount, g.status])).toEqual([
      [giftId, 5n, "refunded"],
      [giftId, 6n, "claimed"],
    ]);
  });

  it("counts each sender once per day", async () => {
    await run([
      sent(alice, GiftKind.Address, bob, 1n),
      sent(alice, GiftKind.Address, carol, 2n),
      sent(bob, GiftKind.Address, carol, 3n),
      sent(alice, GiftKind.Address, bob, 4n, { timestamp: monday + DAY }),
    ]);
    expect(db.rows(dailyStat).map((d) => [d.day, d.gifts, d.volume, d.uniqueSenders])).toEqual([
      [dayNumber, 3, 6n, 2],
      [dayNumber + 1, 1, 4n, 1],
    ]);
  });

  it("keeps gifts without context out of the post stats and splits posts by week", async () => {
    const plain = sent(alice, GiftKind.Address, bob, 5n, { context: noContext });
    await run([
      plain,
      sent(alice, GiftKind.Address, bob, 6n, { timestamp: monday + 6n * DAY }),
      sent(alice, GiftKind.Address, bob, 7n, { timestamp: monday + 7n * DAY }),
    ]);
    expect((await rowOf(plain))?.context).toBeNull();
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
    const other = sent(alice, GiftKind.Address, bob, 1000n, { token: otherToken });
    await run([other]);
    expect(await rowOf(other)).toMatchObject({ token: otherToken, amount: 1000n });
    expect(db.rows(dailyStat)[0]).toMatchObject({ gifts: 1, volume: 0n });
    expect(await db.find(account, { address: alice })).toMatchObject({
      giftsSentCount: 1,
      giftsSentVolume: 0n,
    });
  });

  it("fails loudly on a claim of a gift it never saw", async () => {
    await expect(run([claimed(99n, carol, carol, 1n)])).rejects.toThrow(
      "gift 99 ended but no open gift has that id",
    );
  });

  it("folds token config, pause and role events into state tables", async () => {
    const minter = keccak256(toHex("MINTER_ROLE"));
    await run([
      vaultEvent("TokenConfigured", { token: boon, allowed: true, exactTransfers: false }),
      vaultEvent("TokenConfigured", { token: boon, allowed: true, exactTransfers: true }),
      vaultEvent("Paused", { account: alice }),
      vaultEvent("Unpaused", { account: alice }),
      vaultEvent("Paused", { account: alice }),
      tokenEvent("RoleGranted", { role: minter, account: distributor, sender: alice }),
      tokenEvent("RoleGranted", { role: minter, account: carol, sender: alice }),
      tokenEvent("RoleRevoked", { role: minter, account: carol, sender: alice }),
    ]);
    expect(db.rows(vaultToken)).toMatchObject([
      { token: boon, allowed: true, exactTransfers: true },
    ]);
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
      id: mint.id,
      from: zeroAddress,
      to: alice,
      amount: 100n,
      blockNumber: mint.block.number,
      timestamp: monday,
      txHash: mint.transaction.hash,
    });
    expect(db.rows(rewardClaim)).toEqual([]);
  });
});

describe("RewardDistributor handlers", () => {
  it("records the distributor's payouts as reward claims, with the account's cumulative total", async () => {
    const budget = (minted: bigint, burned = 0n) =>
      rewardEvent("BudgetSet", { day: BigInt(dayNumber), budget: 100n, minted, burned });
    const payout = (to: Hex, value: bigint, relayer: Hex) =>
      tokenEvent("Transfer", { from: distributor, to, value }, monday, relayer);
    const first = payout(alice, 10n, bob);
    await run([
      budget(100n),
      tokenEvent("Transfer", { from: zeroAddress, to: distributor, value: 100n }),
      first,
      payout(alice, 5n, alice),
      budget(0n, 3n),
      tokenEvent("Transfer", { from: distributor, to: zeroAddress, value: 3n }),
    ]);
    expect(
      db.rows(rewardClaim).map((r) => [r.account, r.relayer, r.amount, r.cumulativeAmount, r.day]),
    ).toEqual([
      [alice, bob, 10n, 10n, dayNumber],
      [alice, alice, 5n, 15n, dayNumber],
    ]);
    expect(db.rows(rewardClaim)[0]).toMatchObject({ id: first.id, txHash: first.transaction.hash });
    expect(await db.find(account, { address: alice })).toMatchObject({
      boonBalance: 15n,
      rewardsClaimed: 15n,
      rewardClaimsCount: 2,
    });
    expect(await db.find(account, { address: distributor })).toMatchObject({ boonBalance: 82n });
    expect(await db.find(dailyStat, { day: dayNumber })).toMatchObject({
      rewardClaims: 2,
      rewardsPaid: 15n,
      rewardsMinted: 100n,
    });
    expect(db.rows(rewardBudget)).toEqual([
      { day: dayNumber, budget: 100n, minted: 100n, burned: 3n },
    ]);
  });
});
