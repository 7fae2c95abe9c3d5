// The words an activity line is made of, shared with the dApp (as @boon/backend/activity-shape).
// Zod-free and import-free, so the browser bundle takes these lists and nothing of the server; each
// side builds its own schema from them (the backend with zod, the dApp with zod/mini).

export const ACTIVITY_KINDS = [
  "purchase",
  "purchase_refund",
  "gift_sent",
  "gift_received",
  "delivery",
  "withdrawal",
  "claim",
  "refund",
] as const;
export const ACTIVITY_DIRECTIONS = ["in", "out"] as const;
export const ACTIVITY_STATUSES = ["pending", "done", "failed"] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A line's references (each optional), given the schema of one optional id. */
export const activityRefShape = <S>(id: S) => ({ purchaseId: id, giftId: id, deliveryId: id });
