// Newest-first lists keyed by a bigint id or sequence, read a page at a time with a cursor: the
// answer's schema and the step every such handler takes.
import { z } from "zod";
import { invalid } from "../errors.ts";

/** PostgreSQL's largest bigint: a cursor above it names no row and would fail in the query. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** A paginated answer: `{ items, nextCursor }`, `nextCursor` null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A list answer without pages: `{ items }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/**
 * One page: loads one row more than the limit to know whether another page follows, whose cursor
 * is the last row's key.
 */
export async function cursorPage<Row, Item>(
  request: { limit: number; cursor?: string | undefined },
  load: (window: { limit: number; before?: bigint }) => Promise<Row[]>,
  view: (row: Row) => Item,
  cursorOf: (row: Row) => string,
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const before = request.cursor === undefined ? undefined : BigInt(request.cursor);
  if (before !== undefined && before > MAX_BIGINT)
    throw invalid("invalid_cursor", "cursor is out of range");
  const rows = await load({
    limit: request.limit + 1,
    ...(before === undefined ? {} : { before }),
  });
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  const more = rows.length > request.limit && last !== undefined;
  return { items: page.map(view), nextCursor: more ? cursorOf(last) : null };
}
