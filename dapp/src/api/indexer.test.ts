import { afterEach, describe, expect, it, vi } from "vitest";
import { giftKey } from "./gift-row.ts";
import { createIndexerClient, fetchGift, fetchGifts, fetchLinkGift } from "./indexer.ts";

const me = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const linkKey = "0x1111111111111111111111111111111111111111";

/** A gift row as Ponder's /sql answers it: columns in the table's order, bigints as strings. */
function sqlRow(patch: Record<string, unknown> = {}) {
  return {
    event_id: "0001",
    entry: 0,
    gift_id: "7",
    kind: "link",
    token: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    sender: me.toLowerCase(),
    recipient: linkKey,
    amount: "2500000000000000000",
    expiry: "1900000000",
    context: null,
    message: "hi",
    status: "pending",
    claimed_by: null,
    relayer: null,
    sent_block: "12",
    sent_timestamp: "1800000000",
    sent_tx: `0x${"ab".repeat(32)}`,
    claimed_block: null,
    claimed_timestamp: null,
    claimed_tx: null,
    refunded_block: null,
    refunded_timestamp: null,
    refunded_tx: null,
    ...patch,
  };
}

/** Stubs fetch with /sql answers, in order; returns the SQL each call asked for. */
function answer(...pages: unknown[][]) {
  const asked: { sql: string; params: unknown[] }[] = [];
  const fetcher = vi.fn(async (url: string | URL | Request) => {
    const query = JSON.parse(new URL(String(url)).searchParams.get("sql") ?? "{}");
    asked.push({ sql: query.json.sql, params: query.json.params });
    return Response.json({ rows: pages.shift() ?? [] });
  });
  vi.stubGlobal("fetch", fetcher);
  return { asked, fetcher };
}

const client = () => createIndexerClient("http://ix");

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchGifts", () => {
  it("asks /sql for my gifts, newest first, and turns bigint columns into bigints", async () => {
    const { asked, fetcher } = answer([sqlRow(), sqlRow({ event_id: "0000", entry: 2 })]);
    const page = await fetchGifts(client(), { account: me, direction: "received" }, { limit: 1 });
    expect(String(fetcher.mock.calls[0]?.[0])).toMatch(/^http:\/\/ix\/sql\/db\?sql=/);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      giftId: 7n,
      kind: "link",
      amount: 2_500_000_000_000_000_000n,
      expiry: 1_900_000_000n,
      sentTimestamp: 1_800_000_000n,
    });
    expect(page.nextCursor).toEqual({ eventId: "0001", entry: 0 });
    const [query] = asked;
    expect(query?.sql).toMatch(/"recipient" = \$1 or .*"claimed_by" = \$2/);
    expect(query?.sql).not.toMatch(/"sender" =/);
    expect(query?.sql).toMatch(/order by .*"event_id" desc, .*"entry" desc limit \$3/);
    expect(query?.params).toEqual([me.toLowerCase(), me.toLowerCase(), 2]);
  });

  it("pages from a cursor, filters by kind and status, and ends when nothing follows", async () => {
    const { asked } = answer([sqlRow()]);
    const page = await fetchGifts(
      client(),
      { account: me, direction: "sent", kind: "link", status: "pending" },
      { after: { eventId: "0009", entry: 1 }, limit: 5 },
    );
    expect(page.nextCursor).toBeNull();
    expect(asked[0]?.sql).toMatch(
      /"event_id" < \$\d+ or \(.*"event_id" = \$\d+ and .*"entry" < \$\d+\)/,
    );
    expect(asked[0]?.params).toEqual([me.toLowerCase(), "link", "pending", "0009", "0009", 1, 6]);
  });

  it("says so when the indexer cannot be reached, and passes its errors on", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("fetch failed"))),
    );
    await expect(fetchGifts(client(), { account: me })).rejects.toThrow(
      "The activity service cannot be reached right now.",
    );
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("column does not exist", { status: 500 })),
    );
    await expect(fetchGifts(client(), { account: me })).rejects.toThrow("column does not exist");
  });
});

describe("single gifts", () => {
  it("finds a gift by its vault id or a link gift by its key, or null", async () => {
    const { asked } = answer([sqlRow()], [], [sqlRow()]);
    await expect(fetchGift(client(), 7n)).resolves.toMatchObject({ giftId: 7n });
    await expect(fetchGift(client(), 8n)).resolves.toBeNull();
    const found = await fetchLinkGift(client(), "0x1111111111111111111111111111111111111111");
    expect(found && giftKey(found)).toBe(`0x${"ab".repeat(32)}:0`);
    expect(asked[2]?.params).toEqual(["link", linkKey, 1]);
  });
});
