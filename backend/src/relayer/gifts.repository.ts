import { z } from "zod";
import type { Queryable } from "../db/pool.ts";
import {
  hex,
  int,
  noRowsWithoutViews,
  quoted,
} from "../events/onchain/indexer-views.repository.ts";

// One escrowed gift by its vault id, read from the indexer's `onchain` views (a sender may reuse an
// id once its gift ended: the newest send is the one that counts).

const giftRow = z.object({
  gift_id: int,
  kind: z.string(),
  token: hex,
  sender: hex,
  recipient: hex,
  amount: int,
  expiry: int,
  status: z.string(),
});
export type IndexedGift = z.output<typeof giftRow>;

/** The newest gift with this id; undefined if none (or no views); throws on a row of another shape. */
export async function findIndexedGift(
  db: Queryable,
  schema: string,
  giftId: bigint,
): Promise<IndexedGift | undefined> {
  const { rows } = await db
    .query(
      `SELECT gift_id, kind, token, sender, recipient, amount, expiry, status
         FROM ${quoted(schema)}.gift WHERE gift_id = $1
        ORDER BY sent_block DESC, entry DESC LIMIT 1`,
      [giftId.toString()],
    )
    .catch(noRowsWithoutViews);
  return rows[0] ? giftRow.parse(rows[0]) : undefined;
}
