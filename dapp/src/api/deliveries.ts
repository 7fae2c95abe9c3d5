// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const baseUnits = z.pipe(
  z.string().check(z.regex(/^\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

/** One row of `GET /v1/me/deliveries`: credits on their way to the chain. */
export const deliverySchema = z.object({
  id: z.string(),
  type: z.enum(["withdrawal", "gift", "gift_refund", "internal"]),
  giftKind: z.nullable(z.enum(["address", "social", "link"])),
  status: z.enum(["queued", "sent", "confirmed", "failed"]),
  amount: baseUnits,
  recipient: z.nullable(z.string()),
  recipientLabel: z.nullable(z.string()),
  message: z.string(),
  txHash: z.nullable(z.string()),
  giftId: z.nullable(z.string()),
  failure: z.nullable(z.object({ code: z.string(), reason: z.string() })),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

const pageSchema = z.object({ items: z.array(deliverySchema), nextCursor: z.nullable(z.string()) });
export type DeliveryPage = z.infer<typeof pageSchema>;

/** The signed-in user's deliveries, newest first; `cursor` is the previous page's `nextCursor`. */
export function fetchDeliveries(backend: Backend, cursor: string | null, limit: number) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return backend(`/v1/me/deliveries?${query}`, pageSchema);
}

/** The request body of `POST /v1/withdrawals` (the amount as a base-unit string). */
export function withdrawalBody(to: string, amount: bigint): { to: string; amount: string } {
  return { to, amount: amount.toString() };
}

/** Credits minted as BOON to one of the user's linked wallets by the backend's delivery worker. */
export function createWithdrawal(
  backend: Backend,
  request: { to: string; amount: bigint },
  idempotencyKey: string,
) {
  return backend(
    "/v1/withdrawals",
    z.object({ delivery: z.object({ id: z.string(), status: z.string() }) }),
    { method: "POST", idempotencyKey, body: withdrawalBody(request.to, request.amount) },
  );
}
