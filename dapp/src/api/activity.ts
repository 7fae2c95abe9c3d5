// The backend's words for activity lines, without its server code (a zod-free module).
import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  activityRefShape,
} from "@boon/backend/activity-shape";
// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

export const activityItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  direction: z.enum(ACTIVITY_DIRECTIONS),
  amount: z.pipe(
    z.string().check(z.regex(/^\d+$/)),
    z.transform((value: string) => BigInt(value)),
  ),
  amountCents: z.nullable(z.int()),
  status: z.enum(ACTIVITY_STATUSES),
  title: z.string(),
  counterparty: z.nullable(z.string()),
  txHash: z.nullable(z.string()),
  ref: z.object(activityRefShape(z.optional(z.string()))),
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
