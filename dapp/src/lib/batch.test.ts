import { GiftKind } from "@boon/contracts";
import { parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { MAX_BATCH, parseBatch } from "./batch.ts";

const alice = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

describe("parseBatch", () => {
  it("reads addresses and links with amounts, skipping a header", () => {
    const parsed = parseBatch(`recipient,amount\n${alice.toLowerCase()}, 10\n\nlink;2.5\n`);
    expect(parsed).toEqual({
      ok: true,
      entries: [
        { kind: GiftKind.Address, to: alice, amount: parseUnits("10", 18) },
        { kind: GiftKind.Link, amount: parseUnits("2.5", 18) },
      ],
      total: parseUnits("12.5", 18),
    });
  });
  it("reports every bad line by number", () => {
    const parsed = parseBatch(`${alice},abc\nbob,1\n${alice},1,extra`);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "Line 1: Use digits and at most one decimal point.",
        'Line 2: "bob" is not an address, "link", an @handle or an x.com link.',
        'Line 3: expected "recipient, amount".',
      ],
    });
  });
  it("rejects an empty or oversized batch", () => {
    expect(parseBatch("\n")).toEqual({ ok: false, errors: ["Add at least one line."] });
    const many = Array.from({ length: MAX_BATCH + 1 }, () => "link,1").join("\n");
    expect(parseBatch(many)).toMatchObject({ ok: false });
  });
  it("reads X handles, profile links and post links beside addresses and links", () => {
    const parsed = parseBatch(
      `@alice, 1\n${alice}, 2\nx.com/bob_2;3\nlink, 4\nhttps://x.com/carol/status/123\t5`,
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        {
          kind: GiftKind.Social,
          x: { kind: "x", query: "@alice", label: "@alice", postId: null },
          line: 1,
          amount: parseUnits("1", 18),
        },
        { kind: GiftKind.Address, to: alice, amount: parseUnits("2", 18) },
        {
          kind: GiftKind.Social,
          x: { kind: "x", query: "@bob_2", label: "@bob_2", postId: null },
          line: 3,
          amount: parseUnits("3", 18),
        },
        { kind: GiftKind.Link, amount: parseUnits("4", 18) },
        {
          kind: GiftKind.Social,
          x: {
            kind: "x",
            query: "https://x.com/carol/status/123",
            label: "the author of @carol's post",
            postId: "123",
          },
          line: 5,
          amount: parseUnits("5", 18),
        },
      ],
      total: parseUnits("15", 18),
    });
  });
  it("reports bad handle lines by number among good mixed lines", () => {
    const parsed = parseBatch(
      `@alice, 1\n@this_handle_is_too_long, 1\nlink, 1\n@bad-name, 1\nexample.com/alice, 1\n0x12, 1`,
    );
    const why = 'is not an address, "link", an @handle or an x.com link.';
    expect(parsed).toEqual({
      ok: false,
      errors: [
        `Line 2: "@this_handle_is_too_long" ${why}`,
        `Line 4: "@bad-name" ${why}`,
        `Line 5: "example.com/alice" ${why}`,
        `Line 6: "0x12" ${why}`,
      ],
    });
  });
});
