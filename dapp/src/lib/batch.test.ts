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
        'Line 2: "bob" is not an address or "link".',
        'Line 3: expected "recipient, amount".',
      ],
    });
  });
  it("rejects an empty or oversized batch", () => {
    expect(parseBatch("\n")).toEqual({ ok: false, errors: ["Add at least one line."] });
    const many = Array.from({ length: MAX_BATCH + 1 }, () => "link,1").join("\n");
    expect(parseBatch(many)).toMatchObject({ ok: false });
  });
});
