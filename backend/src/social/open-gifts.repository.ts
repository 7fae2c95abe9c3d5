import { z } from "zod";
import type { Queryable } from "../db/pool.ts";
import {
  hex,
  int,
  noRowsWithoutViews,
  parseAll,
  quoted,
} from "../events/onchain/indexer-views.repository.ts";

// Open social gifts, read from the indexer's `onchain` views in the same database. Rows are parsed
// defensively (a row that does not fit is skipped), as the on-chain ingestion does.

const openGiftRow = z.object({
  gift_id: int,
  token: hex,
  sender: hex,
  recipient: hex,
  amount: int,
  expiry: int,
  context: hex.nullish(),
  message: z.string().nullish(),
  sent_block: int,
  sent_timestamp: int,
  sent_tx: hex,
});
export type OpenGiftRow = z.output<typeof openGiftRow>;

/**
 * The escrowed gifts to `socialId` (lower-case hex) still open and claimable after `claimableAfter`
 * (unix seconds), soonest expiry first; at most `limit`. Undefined when the views do not exist.
 */
export async function openSocialGifts(
  db: Queryable,
  schema: string,
  socialId: string,
  claimableAfter: number,
  limit: number,
): Promise<{ rows: OpenGiftRow[]; skipped: number } | undefined> {
  let missing = false;
  const { rows } = await db
    .query(
      `SELECT gift_id, token, sender, recipient, amount, expiry, context, message, sent_block,
              sent_timestamp, sent_tx
         FROM ${quoted(schema)}.gift
        WHERE kind = 'social' AND recipient = $1 AND status = 'pending' AND gift_id IS NOT NULL
          AND expiry > $2
        ORDER BY expiry, gift_id
        LIMIT $3`,
      [socialId.toLowerCase(), claimableAfter, limit],
    )
    .catch((error: unknown) => {
      missing = true;
      return noRowsWithoutViews(error);
    });
  return missing ? undefined : parseAll(openGiftRow, rows);
}
