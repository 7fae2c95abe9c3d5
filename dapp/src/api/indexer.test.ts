import { describe, expect, it, vi } from "vitest";
import { fetchGift, fetchGifts, giftWhere } from "./indexer.ts";

const me = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const row = {
  id: "7",
  kind: "link",
  token: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  sender: me.toLowerCase(),
  recipient: "0x1111111111111111111111111111111111111111",
  amount: "2500000000000000000",
  expiry: "1900000000",
  context: null,
  message: "hi",
  status: "pending",
  claimedBy: null,
  sentTimestamp: "1800000000",
  sentTx: `0x${"ab".repeat(32)}`,
  claimedTx: null,
  refundedTx: null,
};
const answer = (body: unknown) =>
  vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => Response.json(body));

describe("giftWhere", () => {
  it("matches gifts I sent, received or claimed, lowercased", () => {
    const lower = me.toLowerCase();
    expect(giftWhere({ account: me })).toEqual({
      OR: [{ sender: lower }, { recipient: lower }, { claimedBy: lower }],
    });
    expect(giftWhere({ account: me, direction: "sent", kind: "link", status: "pending" })).toEqual({
      OR: [{ sender: lower }],
      kind: "link",
      status: "pending",
    });
  });
});

describe("fetchGifts", () => {
  it("queries a page and turns bigint columns into bigints", async () => {
    const fetcher = answer({
      data: { gifts: { items: [row], pageInfo: { hasNextPage: true, endCursor: "c1" } } },
    });
    const page = await fetchGifts(
      "http://ix",
      { account: me, direction: "received" },
      { after: "c0", limit: 5 },
      fetcher as typeof fetch,
    );
    expect(page.nextCursor).toBe("c1");
    expect(page.items[0]).toMatchObject({
      id: 7n,
      amount: 2_500_000_000_000_000_000n,
      expiry: 1_900_000_000n,
    });
    const [url, init] = fetcher.mock.calls[0] ?? [];
    expect(url).toBe("http://ix/graphql");
    expect(JSON.parse(String(init?.body)).variables).toEqual({
      where: { OR: [{ recipient: me.toLowerCase() }, { claimedBy: me.toLowerCase() }] },
      after: "c0",
      limit: 5,
    });
  });
  it("ends pagination and surfaces GraphQL errors", async () => {
    const last = answer({
      data: { gifts: { items: [], pageInfo: { hasNextPage: false, endCursor: null } } },
    });
    await expect(
      fetchGifts("http://ix", { account: me }, {}, last as typeof fetch),
    ).resolves.toEqual({ items: [], nextCursor: null });
    const failing = answer({ errors: [{ message: "Unknown column" }] });
    await expect(
      fetchGifts("http://ix", { account: me }, {}, failing as typeof fetch),
    ).rejects.toThrow("Unknown column");
  });
});

describe("fetchGift", () => {
  it("returns the row or null", async () => {
    await expect(
      fetchGift("http://ix", 7n, answer({ data: { gift: row } }) as typeof fetch),
    ).resolves.toMatchObject({ id: 7n });
    await expect(
      fetchGift("http://ix", 8n, answer({ data: { gift: null } }) as typeof fetch),
    ).resolves.toBeNull();
  });
});
