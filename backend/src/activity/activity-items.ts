import type { EventPayload, EventType } from "../events/event-types.ts";
import type { StoredEvent } from "../events/events.repository.ts";
import type { ActivityKind, ActivityStatus } from "./activity-shape.ts";

// What each of a user's domain events does to their activity: the one place that turns the event
// vocabulary into lines a person reads. Pure, so a replay builds the same rows.

export type ActivityRef = { purchaseId?: string; giftId?: string; deliveryId?: string };

export type ActivityItem = {
  id: string;
  userId: string;
  at: Date;
  kind: ActivityKind;
  direction: "in" | "out";
  /** BOON base units. */
  amount: bigint;
  amountCents: number | null;
  status: ActivityStatus;
  title: string;
  counterparty: string | null;
  txHash: string | null;
  ref: ActivityRef;
};

/** A new line (or, if it exists, its status, hash, counterparty and refs brought up to date). */
export type Put = { op: "put"; item: ActivityItem };
/** A change to an existing line; nothing when the line is unknown. */
export type Patch = {
  op: "patch";
  userId: string;
  id: string;
  set: Partial<Pick<ActivityItem, "status" | "title" | "txHash" | "ref">>;
};
export type ActivityChange = Put | Patch;

/** The event types the activity reads. */
export const ACTIVITY_EVENTS = [
  "purchase.created",
  "purchase.settled",
  "purchase.failed",
  "purchase.over_limit",
  "purchase.refunded",
  "purchase.disputed",
  "purchase.dispute_won",
  "credits.spent",
  "delivery.queued",
  "delivery.broadcast",
  "delivery.confirmed",
  "delivery.failed",
  "gift.refund_credited",
  "onchain.gift_received",
  "onchain.gift_claimed",
  "onchain.gift_refunded",
] as const satisfies readonly EventType[];
type ActivityEvent = (typeof ACTIVITY_EVENTS)[number];

type Typed<T extends ActivityEvent> = StoredEvent & { type: T; payload: EventPayload<T> };
type Mapper<T extends ActivityEvent> = (e: Typed<T>, userId: string) => ActivityChange[];

const purchaseLine = (purchaseId: string) => `purchase:${purchaseId}`;
const deliveryLine = (deliveryId: string) => `delivery:${deliveryId}`;
/** An expired gift's refund: the chain's fact and the credits it became are one line. */
const refundLine = (giftId: string) => `refund:${giftId}`;
/** A line per event (refunds, disputes): its stream position keeps it unique and replay-stable. */
const eventLine = (prefix: string, e: StoredEvent) =>
  `${prefix}:${e.subject.id}:${e.position.xid}:${e.position.seq}`;

/** Deliveries Boon makes for itself (float, approvals, vault refunds) are not the user's activity. */
const USER_DELIVERIES = new Set(["withdrawal", "gift_address", "gift_social", "gift_link"]);

function deliveryKind(kind: string): ActivityKind {
  if (kind === "withdrawal") return "withdrawal";
  return kind.startsWith("gift_") ? "gift_sent" : "delivery";
}

function deliveryTitle(kind: string): string {
  switch (kind) {
    case "withdrawal":
      return "Withdrawal to your wallet";
    case "gift_social":
      return "Gift to an X account";
    case "gift_link":
      return "Gift by claim link";
    default:
      return "Gift to a wallet";
  }
}

type LineFields = Omit<ActivityItem, "userId" | "at" | "counterparty" | "txHash" | "amountCents"> &
  Partial<Pick<ActivityItem, "counterparty" | "txHash" | "amountCents">>;

/** A new line for the event's user, at the time the event happened. */
function put(e: StoredEvent, userId: string, line: LineFields): ActivityChange[] {
  const item = { counterparty: null, txHash: null, amountCents: null, ...line };
  return [{ op: "put", item: { ...item, userId, at: e.occurredAt } }];
}

function patch(userId: string, id: string, set: Patch["set"]): ActivityChange[] {
  return [{ op: "patch", userId, id, set }];
}

function failedPurchaseTitle(p: EventPayload<"purchase.failed">): string {
  if (p.cancelled) return "Card purchase cancelled";
  return p.status === "expired" ? "Card checkout expired" : "Card payment failed";
}

const mappers: { [T in ActivityEvent]: Mapper<T> } = {
  "purchase.created": (e, userId) =>
    put(e, userId, {
      id: purchaseLine(e.subject.id),
      kind: "purchase",
      direction: "in",
      amount: BigInt(e.payload.credits),
      amountCents: e.payload.amountCents,
      status: "pending",
      title: "Card purchase",
      ref: { purchaseId: e.subject.id },
    }),
  "purchase.settled": (e, userId) => patch(userId, purchaseLine(e.subject.id), { status: "done" }),
  "purchase.failed": (e, userId) =>
    patch(userId, purchaseLine(e.subject.id), {
      status: "failed",
      title: failedPurchaseTitle(e.payload),
    }),
  "purchase.over_limit": (e, userId) =>
    patch(userId, purchaseLine(e.subject.id), {
      status: "failed",
      title: "Card payment over your limit: refunded",
    }),
  "purchase.refunded": (e, userId) => purchaseReversal(e, userId, "Card payment refunded"),
  "purchase.disputed": (e, userId) => purchaseReversal(e, userId, "Card payment disputed"),
  "purchase.dispute_won": (e, userId) =>
    put(e, userId, {
      id: eventLine("dispute_won", e),
      kind: "purchase",
      direction: "in",
      amount: BigInt(e.payload.creditsFromUser) + BigInt(e.payload.creditsReceivable),
      amountCents: e.payload.cents,
      status: "done",
      title: "Dispute won: credits restored",
      ref: { purchaseId: e.subject.id },
    }),
  "credits.spent": (e, userId) => deliveryPut(e, userId, e.payload, null),
  "delivery.queued": (e, userId) =>
    deliveryPut(
      e,
      userId,
      { ...e.payload, deliveryId: e.subject.id },
      e.payload.recipientLabel ?? e.payload.recipient,
    ),
  "delivery.broadcast": (e, userId) =>
    USER_DELIVERIES.has(e.payload.kind)
      ? patch(userId, deliveryLine(e.subject.id), { txHash: e.payload.txHash })
      : [],
  "delivery.confirmed": (e, userId) =>
    USER_DELIVERIES.has(e.payload.kind)
      ? patch(userId, deliveryLine(e.subject.id), {
          status: "done",
          txHash: e.payload.txHash,
          ...(e.payload.giftId ? { ref: { giftId: e.payload.giftId } } : {}),
        })
      : [],
  "delivery.failed": (e, userId) =>
    USER_DELIVERIES.has(e.payload.kind)
      ? patch(userId, deliveryLine(e.subject.id), {
          status: "failed",
          title: `${deliveryTitle(e.payload.kind)} failed${e.payload.moneyReturned ? ": credits returned" : ""}`,
        })
      : [],
  "gift.refund_credited": (e, userId) =>
    put(e, userId, {
      id: refundLine(e.payload.giftId),
      kind: "refund",
      direction: "in",
      amount: BigInt(e.payload.amount),
      status: "done",
      title: "Unclaimed gift refunded",
      txHash: e.payload.txHash,
      ref: { giftId: e.payload.giftId },
    }),
  "onchain.gift_received": (e, userId) =>
    onchainGiftLine(e, userId, {
      id: `gift_received:${e.subject.id}`,
      kind: "gift_received",
      direction: "in",
      title: e.payload.kind === "social" ? "Gift received on your X account" : "Gift received",
      counterparty: e.payload.sender,
    }),
  "onchain.gift_claimed": (e, userId) =>
    onchainGiftLine(e, userId, {
      id: `claim:${e.subject.id}`,
      kind: "claim",
      direction: "out",
      title: "Your gift was claimed",
      counterparty: e.payload.claimedBy,
    }),
  "onchain.gift_refunded": (e, userId) =>
    onchainGiftLine(e, userId, {
      id: refundLine(e.payload.giftId ?? e.subject.id),
      kind: "refund",
      direction: "in",
      title: "Unclaimed gift refunded",
    }),
};

/** A settled on-chain gift fact as one line: its amount, transaction and gift id. */
function onchainGiftLine(
  e: Typed<"onchain.gift_received" | "onchain.gift_claimed" | "onchain.gift_refunded">,
  userId: string,
  line: Pick<ActivityItem, "id" | "kind" | "direction" | "title"> & { counterparty?: string },
): ActivityChange[] {
  return put(e, userId, {
    ...line,
    amount: BigInt(e.payload.amount),
    status: "done",
    txHash: e.payload.txHash,
    ref: e.payload.giftId ? { giftId: e.payload.giftId } : {},
  });
}

function purchaseReversal(
  e: Typed<"purchase.refunded" | "purchase.disputed">,
  userId: string,
  title: string,
): ActivityChange[] {
  return put(e, userId, {
    id: eventLine("purchase_refund", e),
    kind: "purchase_refund",
    direction: "out",
    amount: BigInt(e.payload.creditsFromUser) + BigInt(e.payload.creditsReceivable),
    amountCents: e.payload.cents,
    status: "done",
    title,
    ref: { purchaseId: e.subject.id },
  });
}

function deliveryPut(
  e: StoredEvent,
  userId: string,
  d: { deliveryId: string; kind: string; amount: string },
  counterparty: string | null,
): ActivityChange[] {
  if (!USER_DELIVERIES.has(d.kind)) return [];
  return put(e, userId, {
    id: deliveryLine(d.deliveryId),
    kind: deliveryKind(d.kind),
    direction: "out",
    amount: BigInt(d.amount),
    status: "pending",
    title: deliveryTitle(d.kind),
    counterparty,
    ref: { deliveryId: d.deliveryId },
  });
}

/** The changes one event makes to its user's activity (none for system events or other types). */
export function activityChanges(event: StoredEvent): ActivityChange[] {
  if (!event.userId || !(ACTIVITY_EVENTS as readonly string[]).includes(event.type)) return [];
  const mapper = mappers[event.type as ActivityEvent] as Mapper<ActivityEvent>;
  return mapper(event as Typed<ActivityEvent>, event.userId);
}
