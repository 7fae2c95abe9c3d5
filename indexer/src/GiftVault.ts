import { type Context, ponder } from "ponder:registry";
import { gift, vaultToken } from "ponder:schema";
import { batchGiftIds, giftKindName } from "@boon/contracts";
import type { Hex } from "viem";
import { logAdminEvent, metaOf, setPaused, setRole } from "./admin.ts";
import { boonVolume, endOpenGift, recordGift, type SendEvent } from "./gifts.ts";
import { recipientOf } from "./logic/gifts.ts";
import { dayOf } from "./logic/time.ts";
import { bumpAccount, bumpDaily, bumpSocial } from "./stats.ts";

ponder.on("GiftVault:GiftDelivered", async ({ event, context }) => {
  const { sender, to, token, amount } = event.args;
  await recordGift(
    context.db,
    event,
    {
      entry: 0,
      giftId: null,
      kind: "address",
      token,
      sender,
      recipient: recipientOf("address", to),
      amount,
      expiry: null,
      context: event.args.context,
      message: event.args.message,
    },
    context.contracts.BoonToken.address,
  );
});

/** The fields SocialGiftSent and LinkGiftSent share. */
type EscrowArgs = {
  giftId: bigint;
  sender: Hex;
  token: Hex;
  amount: bigint;
  expiry: number;
  context: Hex;
  message: string;
};

function recordEscrow(
  db: Context["db"],
  event: SendEvent & { args: EscrowArgs },
  kind: "social" | "link",
  to: Hex,
  boon: Hex,
) {
  const { giftId, sender, token, amount, expiry, message } = event.args;
  const recipient = recipientOf(kind, to);
  const sent = { entry: 0, giftId, kind, token, sender, recipient, amount, message };
  return recordGift(
    db,
    event,
    { ...sent, expiry: BigInt(expiry), context: event.args.context },
    boon,
  );
}

ponder.on("GiftVault:SocialGiftSent", async ({ event, context }) => {
  const boon = context.contracts.BoonToken.address;
  await recordEscrow(context.db, event, "social", event.args.socialId, boon);
});

ponder.on("GiftVault:LinkGiftSent", async ({ event, context }) => {
  const boon = context.contracts.BoonToken.address;
  await recordEscrow(context.db, event, "link", event.args.linkKey, boon);
});

ponder.on("GiftVault:GiftsSent", async ({ event, context }) => {
  const { sender, token, expiry, salt, gifts } = event.args;
  // The entries' ids are derived, not emitted: the same rule as the vault's (@boon/contracts).
  const ids = batchGiftIds(sender, salt, gifts);
  for (const [entry, request] of gifts.entries()) {
    const kind = giftKindName(request.kind);
    await recordGift(
      context.db,
      event,
      {
        entry,
        giftId: ids[entry] ?? null,
        kind,
        token,
        sender,
        recipient: recipientOf(kind, request.recipient),
        amount: request.amount,
        expiry: kind === "address" ? null : BigInt(expiry),
        context: event.args.context,
        message: event.args.message,
      },
      context.contracts.BoonToken.address,
    );
  }
});

ponder.on("GiftVault:GiftClaimed", async ({ event, context }) => {
  const { db } = context;
  const { giftId, to, relayer, amount } = event.args;
  const claimed = await db.update(gift, await endOpenGift(db, giftId)).set({
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
  const refunded = await db.update(gift, await endOpenGift(db, giftId)).set({
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

ponder.on("GiftVault:TokenConfigured", async ({ event, context }) => {
  const meta = metaOf(event);
  const { token, allowed, exactTransfers } = event.args;
  await logAdminEvent(context.db, meta, "TokenConfigured", event.args);
  await context.db
    .insert(vaultToken)
    .values({ token, allowed, exactTransfers, updatedBlock: meta.blockNumber })
    .onConflictDoUpdate({ allowed, exactTransfers, updatedBlock: meta.blockNumber });
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
