import { type Address, type Hex, isHex } from "viem";
// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";

const hex = z.pipe(
  z.string().check(z.refine((value) => isHex(value), "must be hex")),
  z.transform((value: string) => value as Hex),
);
/** Ponder sends bigint columns as decimal strings. */
const bigintText = z.pipe(
  z.string().check(z.regex(/^-?\d+$/)),
  z.transform((value: string) => BigInt(value)),
);

export const giftRowSchema = z.object({
  id: bigintText,
  kind: z.enum(["address", "social", "link"]),
  token: hex,
  sender: hex,
  recipient: hex,
  amount: bigintText,
  expiry: z.nullable(bigintText),
  context: z.nullable(hex),
  message: z.string(),
  status: z.enum(["delivered", "pending", "claimed", "refunded"]),
  claimedBy: z.nullable(hex),
  sentTimestamp: bigintText,
  sentTx: hex,
  claimedTx: z.nullable(hex),
  refundedTx: z.nullable(hex),
});
export type GiftRow = z.infer<typeof giftRowSchema>;

const giftFields =
  "id kind token sender recipient amount expiry context message status claimedBy sentTimestamp sentTx claimedTx refundedTx";

export type Direction = "all" | "sent" | "received";
export type GiftFilter = {
  account: Address;
  direction?: Direction;
  kind?: GiftRow["kind"];
  status?: GiftRow["status"];
};

/** The GraphQL `where` of a gift filter. Ponder stores hex lowercase, so addresses are lowered. */
export function giftWhere(filter: GiftFilter): Record<string, unknown> {
  const me = filter.account.toLowerCase();
  const sent = { sender: me };
  const received = [{ recipient: me }, { claimedBy: me }];
  const who =
    filter.direction === "sent"
      ? [sent]
      : filter.direction === "received"
        ? received
        : [sent, ...received];
  const where: Record<string, unknown> = { OR: who };
  if (filter.kind) where.kind = filter.kind;
  if (filter.status) where.status = filter.status;
  return where;
}

const pageSchema = z.object({
  gifts: z.object({
    items: z.array(giftRowSchema),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) }),
  }),
});
export type GiftPage = { items: GiftRow[]; nextCursor: string | null };

const responseSchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(z.array(z.object({ message: z.string() }))),
});

/** One GraphQL query against the indexer, with its `data` validated by `schema`. */
export async function graphql<T>(
  indexerUrl: string,
  query: string,
  variables: Record<string, unknown>,
  schema: z.core.$ZodType<T>,
  fetcher: typeof fetch = fetch,
): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(`${indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new Error("The activity service cannot be reached right now.");
  }
  const body = z.safeParse(responseSchema, await response.json().catch(() => null));
  if (!body.success || !response.ok)
    throw new Error(`The activity service answered ${response.status}.`);
  if (body.data.errors?.length) throw new Error(body.data.errors.map((e) => e.message).join("; "));
  const data = z.safeParse(schema, body.data.data);
  if (!data.success) throw new Error("The activity service sent an unexpected answer.");
  return data.data;
}

/** A page of gifts touching `filter.account`, newest first. */
export async function fetchGifts(
  indexerUrl: string,
  filter: GiftFilter,
  page: { after?: string | null; limit?: number } = {},
  fetcher: typeof fetch = fetch,
): Promise<GiftPage> {
  const query = `query Gifts($where: giftFilter, $after: String, $limit: Int) {
    gifts(where: $where, orderBy: "sentTimestamp", orderDirection: "desc", after: $after, limit: $limit) {
      items { ${giftFields} }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const data = await graphql(
    indexerUrl,
    query,
    { where: giftWhere(filter), after: page.after ?? null, limit: page.limit ?? 20 },
    pageSchema,
    fetcher,
  );
  return {
    items: data.gifts.items,
    nextCursor: data.gifts.pageInfo.hasNextPage ? data.gifts.pageInfo.endCursor : null,
  };
}

/** The link gift escrowed for `linkKey`, or null until it is on chain and indexed. */
export async function fetchLinkGift(
  indexerUrl: string,
  linkKey: Address,
  fetcher: typeof fetch = fetch,
): Promise<GiftRow | null> {
  const query = `query LinkGift($where: giftFilter) { gifts(where: $where, limit: 1) { items { ${giftFields} } } }`;
  const data = await graphql(
    indexerUrl,
    query,
    { where: { kind: "link", recipient: linkKey.toLowerCase() } },
    z.object({ gifts: z.object({ items: z.array(giftRowSchema) }) }),
    fetcher,
  );
  return data.gifts.items[0] ?? null;
}

/** One gift by id (claims need its exact fields), or null when the indexer has not seen it yet. */
export async function fetchGift(
  indexerUrl: string,
  id: bigint,
  fetcher: typeof fetch = fetch,
): Promise<GiftRow | null> {
  const query = `query Gift($id: BigInt!) { gift(id: $id) { ${giftFields} } }`;
  const data = await graphql(
    indexerUrl,
    query,
    { id: id.toString() },
    z.object({ gift: z.nullable(giftRowSchema) }),
    fetcher,
  );
  return data.gift;
}
