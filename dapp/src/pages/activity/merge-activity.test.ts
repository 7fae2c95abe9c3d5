import { describe, expect, it } from "vitest";
import { giftRowOf } from "../../../test/support/gift-rows.ts";
import type { ActivityItem } from "../../api/activity.ts";
import { type FeedEntry, mergeActivity } from "./merge-activity.ts";

const T = 1_800_000_000; // Unix seconds
const line = (id: string, seconds: number, patch: Partial<ActivityItem> = {}): ActivityItem => ({
  id,
  at: new Date(seconds * 1000).toISOString(),
  kind: "purchase",
  direction: "in",
  amount: 1n,
  amountCents: 100,
  status: "done",
  title: id,
  counterparty: null,
  txHash: null,
  ref: {},
  ...patch,
});
const gift = (eventId: string, seconds: number, patch: Parameters<typeof giftRowOf>[0] = {}) =>
  giftRowOf({ eventId, sentTimestamp: BigInt(seconds), sentTx: `0x${eventId}`, ...patch });
const keys = (entries: FeedEntry[]) => entries.map((entry) => entry.key);

describe("mergeActivity", () => {
  it("interleaves the account's lines and the wallet's gifts, newest first", () => {
    const merged = mergeActivity({
      account: { items: [line("p3", T + 30), line("p1", T + 10)], hasMore: false },
      wallet: { items: [gift("e4", T + 40), gift("e2", T + 20)], hasMore: false },
    });
    expect(keys(merged.entries)).toEqual(["w:0xe4:0", "a:p3", "w:0xe2:0", "a:p1"]);
    expect(merged).toMatchObject({ held: 0, more: { account: false, wallet: false } });
  });

  it("shows a gift of the linked, connected wallet once: the wallet's row, with its actions", () => {
    const received = gift("e1", T, { giftId: 7n });
    const merged = mergeActivity({
      account: {
        items: [
          // The same gift told by the backend: by transaction (any case) and by vault id.
          line("gift_received:e1:0", T, { kind: "gift_received", txHash: "0xE1" }),
          line("claim:e1:0", T + 5, { kind: "claim", txHash: "0xc1", ref: { giftId: "7" } }),
          // A gift paid with credits in the same transaction is not an on-chain retelling.
          line("delivery:d1", T, { kind: "gift_sent", txHash: "0xe1", ref: { giftId: "7" } }),
          line("gift_received:e9:0", T - 5, { kind: "gift_received", txHash: "0xe9" }),
        ],
        hasMore: false,
      },
      wallet: { items: [received], hasMore: false },
    });
    expect(keys(merged.entries)).toEqual(["a:delivery:d1", "w:0xe1:0", "a:gift_received:e9:0"]);
  });

  it("holds back the wallet's older gifts until the account's next page is loaded", () => {
    const merged = mergeActivity({
      account: { items: [line("p3", T + 30), line("p2", T + 20)], hasMore: true },
      wallet: { items: [gift("e4", T + 40), gift("e1", T + 10), gift("e0", T)], hasMore: false },
    });
    expect(keys(merged.entries)).toEqual(["w:0xe4:0", "a:p3", "a:p2"]);
    expect(merged).toMatchObject({ held: 2, more: { account: true, wallet: false } });
  });

  it("asks both sources for more when both end at the horizon", () => {
    const merged = mergeActivity({
      account: { items: [line("p1", T)], hasMore: true },
      wallet: { items: [gift("e1", T)], hasMore: true },
    });
    expect(merged.entries).toHaveLength(2);
    expect(merged.more).toEqual({ account: true, wallet: true });
  });

  it("holds back the account's older lines while the wallet has more pages", () => {
    const merged = mergeActivity({
      account: { items: [line("p2", T + 20), line("p1", T)], hasMore: true },
      wallet: { items: [gift("e3", T + 30), gift("e2", T + 10)], hasMore: true },
    });
    expect(keys(merged.entries)).toEqual(["w:0xe3:0", "a:p2", "w:0xe2:0"]);
    expect(merged).toMatchObject({ held: 1, more: { account: false, wallet: true } });
  });

  it("shows a source alone when the other is not in play", () => {
    const wallet = mergeActivity({
      account: null,
      wallet: { items: [gift("e1", T)], hasMore: true },
    });
    expect(keys(wallet.entries)).toEqual(["w:0xe1:0"]);
    expect(wallet.more).toEqual({ account: false, wallet: true });
    const account = mergeActivity({
      account: { items: [line("p1", T)], hasMore: false },
      wallet: null,
    });
    expect(keys(account.entries)).toEqual(["a:p1"]);
  });

  it("leads with just-sent gifts and filters the account's lines by direction", () => {
    const merged = mergeActivity({
      account: {
        items: [line("p1", T + 10), line("w1", T, { kind: "withdrawal", direction: "out" })],
        hasMore: false,
      },
      wallet: { items: [], hasMore: false },
      optimistic: [gift("new", T + 5)],
      direction: "sent",
    });
    expect(keys(merged.entries)).toEqual(["o:0xnew:0", "a:w1"]);
    expect(merged.entries[0]).toMatchObject({ source: "wallet", optimistic: true });
  });
});
