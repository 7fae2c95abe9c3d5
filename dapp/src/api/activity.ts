// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

export const activityItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum([
    "purchase",
    "purchase_refund",
    "gift_sent",
    "gift_received",
    "delivery",
    "withdrawal",
    "claim",
    "refund",
  ]),
  direction: z.enum(["in", "out"]),
  amount: z.pipe(
    z.string().check(z.regex(/^\d+$/)),
    z.transform((value: string) => BigInt(value)),
  ),
  amountCents: z.nullable(z.int()),
  status: z.enum(["pending", "done", "failed"]),
  title: z.string(),
  counterparty: z.nullable(z.string()),
  txHash: z.nullable(z.string()),
  ref: z.object({
    purchaseId: z.optional(z.string()),
    giftId: z.optional(z.string()),
    deliveryId: z.optional(z.string()),
  }),
});
export type ActivityItem = z.infer<typeof activityItemSchema>;

const pageSchema = z.object({
  items: z.array(activityItemSchema),
  nextCursor: z.nullable(z.string()),
});
export type ActivityPage = z.infer<typeof pageSchema>;

/** A page of the signed-in user's activity, newest first; `before` is a previous nextCursor. */
export function fetchActivity(backend: Backend, before?: string | null, limit = 20) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set("before", before);
  return backend(`/v1/me/activity?${query}`, pageSchema);
}
