import * as schema from "@boon/indexer/schema";
import { and, createClient, desc, eq, lt, or, type SQL } from "@ponder/client";
import type { Address } from "viem";
import type { GiftRow } from "./gift-row.ts";

// The indexer's tables, typed from its own schema and read over Ponder's SQL-over-HTTP (`/sql`), as
// Ponder's `examples/with-client` does: no hand-written field list, no copy of the table.

export type IndexerClient = ReturnType<typeof createIndexerClient>;

export function createIndexerClient(indexerUrl: string) {
  return createClient(`${indexerUrl}/sql`, { schema });
}

const clients = new Map<string, IndexerClient>();

/** One client per indexer URL for the whole app. */
export function indexerClient(indexerUrl: string): IndexerClient {
  let client = clients.get(indexerUrl);
  if (!client) {
    client = createIndexerClient(indexerUrl);
    clients.set(indexerUrl, client);
  }
  return client;
}

export type Direction = "all" | "sent" | "received";
export type GiftFilter = {
  account: Address;
  direction?: Direction;
  kind?: GiftRow["kind"];
  status?: GiftRow["status"];
};
/** Where the next page starts: the last row's place in the chain's order. */
export type GiftCursor = Pick<GiftRow, "eventId" | "entry">;
export type GiftPage = { items: GiftRow[]; nextCursor: GiftCursor | null };

const { gift } = schema;

/** The SQL condition of a gift filter. Ponder stores hex lowercase, so addresses are lowered. */
export function giftWhere(filter: GiftFilter): SQL | undefined {
  const me = filter.account.toLowerCase() as Address;
  const sent = eq(gift.sender, me);
  const received = [eq(gift.recipient, me), eq(gift.claimedBy, me)];
  const who =
    filter.direction === "sent"
      ? sent
      : filter.direction === "received"
        ? or(...received)
        : or(sent, ...received);
  return and(
    who,
    filter.kind ? eq(gift.kind, filter.kind) : undefined,
    filter.status ? eq(gift.status, filter.status) : undefined,
  );
}

/** Rows strictly before `cursor` in the chain's order (newest first). */
function before(cursor: GiftCursor): SQL | undefined {
  return or(
    lt(gift.eventId, cursor.eventId),
    and(eq(gift.eventId, cursor.eventId), lt(gift.entry, cursor.entry)),
  );
}

/** Runs an indexer query, turning a network failure into a sentence. */
async function ask<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof TypeError)
      throw new Error("The activity service cannot be reached right now.");
    throw error;
  }
}

/** A page of gifts touching `filter.account`, newest first. */
export async function fetchGifts(
  client: IndexerClient,
  filter: GiftFilter,
  page: { after?: GiftCursor | null; limit?: number } = {},
): Promise<GiftPage> {
  const limit = page.limit ?? 20;
  const rows = await ask(() =>
    client.db
      .select()
      .from(gift)
      .where(and(giftWhere(filter), page.after ? before(page.after) : undefined))
      .orderBy(desc(gift.eventId), desc(gift.entry))
      .limit(limit + 1),
  );
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { eventId: last.eventId, entry: last.entry } : null,
  };
}

/** The newest link gift escrowed for `linkKey`, or null until it is on chain and indexed. */
export async function fetchLinkGift(
  client: IndexerClient,
  linkKey: Address,
): Promise<GiftRow | null> {
  const rows = await ask(() =>
    client.db
      .select()
      .from(gift)
      .where(and(eq(gift.kind, "link"), eq(gift.recipient, linkKey.toLowerCase() as Address)))
      .orderBy(desc(gift.eventId))
      .limit(1),
  );
  return rows[0] ?? null;
}

/** The newest gift under a vault id (claims need its exact fields), or null until it is indexed. */
export async function fetchGift(client: IndexerClient, giftId: bigint): Promise<GiftRow | null> {
  const rows = await ask(() =>
    client.db
      .select()
      .from(gift)
      .where(eq(gift.giftId, giftId))
      .orderBy(desc(gift.eventId))
      .limit(1),
  );
  return rows[0] ?? null;
}
