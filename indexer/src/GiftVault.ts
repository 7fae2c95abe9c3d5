import { ponder } from "ponder:registry";
import { gift, vaultToken } from "ponder:schema";
import type { Hex } from "viem";
import { logAdminEvent, metaOf, setPaused, setRole } from "./admin.ts";
import { contextOf, expiryOf, kindName, recipientOf, statusAtSend } from "./logic/gifts.ts";
import { dayOf } from "./logic/time.ts";
import { bumpAccount, bumpContext, bumpDaily, bumpSocial, markDailySender } from "./stats.ts";

/** Aggregate volumes are BOON base units: amounts of other tokens would not add up. */
function boonVolume(token: Hex, amount: bigint, boon: Hex): bigint {
  return token.toLowerCase() === boon.toLowerCase() ? amount : 0n;
}

ponder.on("GiftVault:GiftSent", async ({ event, context }) => {
  const { db } = context;
  const { giftId, sender, token, amount, message } = event.args;
  const kind = kindName(event.args.kind);
  const recipient = recipientOf(kind, event.args.recipient);
  const giftContext = contextOf(event.args.context);
  const { timestamp } = event.block;
  const day = dayOf(timestamp);
  const volume = boonVolume(token, amount, context.contracts.BoonToken.address);

  await db.insert(gift).values({
    id: giftId,
    kind,
    token,
    sender,
    recipient,
    amount,
    expiry: expiryOf(kind, event.args.expiry),
    context: giftContext,
    message,
    status: statusAtSend(kind),
    sentBlock: event.block.number,
    sentTimestamp: timestamp,
    sentTx: event.transaction.hash,
  });
  await bumpAccount(db, sender, { giftsSentCount: 1, giftsSentVolume: volume });
  if (kind === "address") {
    await bumpAccount(db, recipient, { giftsReceivedCount: 1, giftsReceivedVolume: volume });
  }
  const firstToday = await markDailySender(db, day, sender);
  await bumpDaily(db, day, { gifts: 1, volume, uniqueSenders: firstToday ? 1 : 0 });
  if (giftContext !== null) await bumpContext(db, giftContext, day, timestamp, volume);
  if (kind === "social") {
    await bumpSocial(db, recipient, {
      pendingGifts: 1,
      pendingAmount: amount,
      totalGifts: 1,
      totalAmount: amount,
    });
  }
});

ponder.on("GiftVault:GiftClaimed", async ({ event, context }) => {
  const { db } = context;
  const { giftId, to, relayer, amount } = event.args;
  const claimed = await db.update(gift, { id: giftId }).set({
    status: "claimed",
    claimedBy: to,
    relayer,
    claimedBlock: event.block.number,
    claimedTimestamp: event.block.timestamp,
    claimedTx: event.transaction.hash,
  });
  const volume = boonVolume(claimed.token, amount, context.contracts.BoonToken.address);
  await bumpAccount(db, to, { giftsReceivedCount: 1, giftsReceivedVolume: volume });
  await bumpDaily(db, dayOf(event.block.timestamp), { claims: 1, claimedVolume: volume });
  if (claimed.kind === "social") {
    await bumpSocial(db, claimed.recipient, {
      pendingGifts: -1,
      pendingAmount: -amount,
      claimedGifts: 1,
    });
  }
});

ponder.on("GiftVault:GiftRefunded", async ({ event, context }) => {
  const { db } = context;
  const { giftId, relayer, amount } = event.args;
  const refunded = await db.update(gift, { id: giftId }).set({
    status: "refunded",
    relayer,
    refundedBlock: event.block.number,
    refundedTimestamp: event.block.timestamp,
    refundedTx: event.transaction.hash,
  });
  const volume = boonVolume(refunded.token, amount, context.contracts.BoonToken.address);
  await bumpDaily(db, dayOf(event.block.timestamp), { refunds: 1, refundedVolume: volume });
  if (refunded.kind === "social") {
    await bumpSocial(db, refunded.recipient, {
      pendingGifts: -1,
      pendingAmount: -amount,
      refundedGifts: 1,
    });
  }
});

ponder.on("GiftVault:TokenAllowed", async ({ event, context }) => {
  const meta = metaOf(event);
  const { token, allowed } = event.args;
  await logAdminEvent(context.db, meta, "TokenAllowed", event.args);
  await context.db
    .insert(vaultToken)
    .values({ token, allowed, updatedBlock: meta.blockNumber })
    .onConflictDoUpdate({ allowed, updatedBlock: meta.blockNumber });
});

ponder.on("GiftVault:ExpiryBoundsSet", async ({ event, context }) => {
  await logAdminEvent(context.db, metaOf(event), "ExpiryBoundsSet", event.args);
});

ponder.on("GiftVault:Paused", async ({ event, context }) => {
  await setPaused(context.db, metaOf(event), event.args, true);
});

ponder.on("GiftVault:Unpaused", async ({ event, context }) => {
  await setPaused(context.db, metaOf(event), event.args, false);
});

ponder.on("GiftVault:RoleGranted", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, true);
});

ponder.on("GiftVault:RoleRevoked", async ({ event, context }) => {
  await setRole(context.db, metaOf(event), event.args, false);
});
