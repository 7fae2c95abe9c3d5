import type { Context } from "ponder:registry";
import { gift, openGift } from "ponder:schema";
import type { GiftKindName } from "@boon/contracts";
import type { Hex } from "viem";
import { contextOf, statusAtSend } from "./logic/gifts.ts";
import { dayOf } from "./logic/time.ts";
import { bumpAccount, bumpContext, bumpDaily, bumpSocial, markDailySender } from "./stats.ts";

// What every send event (single gifts and each entry of a batch) records: the gift row, the
// pointer from an escrowed gift's vault id to its row, and the aggregates.

type Db = Context["db"];

export type SentGift = {
  entry: number;
  giftId: bigint | null;
  kind: GiftKindName;
  token: Hex;
  sender: Hex;
  /** Already as stored: an address for address and link gifts, the social id for social ones. */
  recipient: Hex;
  amount: bigint;
  expiry: bigint | null;
  context: Hex;
  message: string;
};

export type SendEvent = {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
};

/** Aggregate volumes are BOON base units: amounts of other tokens would not add up. */
export function boonVolume(token: Hex, amount: bigint, boon: Hex): bigint {
  return token.toLowerCase() === boon.toLowerCase() ? amount : 0n;
}

export async function recordGift(
  db: Db,
  event: SendEvent,
  sent: SentGift,
  boon: Hex,
): Promise<void> {
  const { timestamp } = event.block;
  const day = dayOf(timestamp);
  const volume = boonVolume(sent.token, sent.amount, boon);
  const giftContext = contextOf(sent.context);
  await db.insert(gift).values({
    eventId: event.id,
    entry: sent.entry,
    giftId: sent.giftId,
    kind: sent.kind,
    token: sent.token,
    sender: sent.sender,
    recipient: sent.recipient,
    amount: sent.amount,
    expiry: sent.expiry,
    context: giftContext,
    message: sent.message,
    status: statusAtSend(sent.kind),
    sentBlock: event.block.number,
    sentTimestamp: timestamp,
    sentTx: event.transaction.hash,
  });
  if (sent.giftId !== null) {
    // An id is open at most once at a time (the vault refuses a second): a reused one points on.
    await db
      .insert(openGift)
      .values({ giftId: sent.giftId, eventId: event.id, entry: sent.entry })
      .onConflictDoUpdate({ eventId: event.id, entry: sent.entry });
  }
  await bumpAccount(db, sent.sender, { giftsSentCount: 1, giftsSentVolume: volume });
  if (sent.kind === "address") {
    await bumpAccount(db, sent.recipient, { giftsReceivedCount: 1, giftsReceivedVolume: volume });
  }
  const firstToday = await markDailySender(db, day, sent.sender);
  await bumpDaily(db, day, { gifts: 1, volume, uniqueSenders: firstToday ? 1 : 0 });
  if (giftContext !== null) await bumpContext(db, giftContext, day, timestamp, volume);
  if (sent.kind === "social") {
    await bumpSocial(db, sent.recipient, {
      pendingGifts: 1,
      pendingAmount: sent.amount,
      totalGifts: 1,
      totalAmount: sent.amount,
    });
  }
}

/** The row of the open gift the vault calls `giftId`, which a claim or refund ends. */
export async function endOpenGift(db: Db, giftId: bigint) {
  const open = await db.find(openGift, { giftId });
  if (!open) throw new Error(`gift ${giftId} ended but no open gift has that id`);
  await db.delete(openGift, { giftId });
  return { eventId: open.eventId, entry: open.entry };
}
