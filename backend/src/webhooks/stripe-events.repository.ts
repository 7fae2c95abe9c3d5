import type { Queryable } from "../db/pool.ts";

/**
 * Records a Stripe event id; false when it was recorded before. Inserted in the same transaction
 * as the event's effects, so a duplicate (even a concurrent one, which waits on the id's unique
 * index) changes nothing.
 */
export async function recordStripeEvent(
  db: Queryable,
  event: { id: string; type: string; created: number },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO stripe_events (id, type, stripe_created_at) VALUES ($1, $2, to_timestamp($3))
     ON CONFLICT (id) DO NOTHING`,
    [event.id, event.type, event.created],
  );
  return rowCount === 1;
}
