import { parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { formatBoon, formatCents, parseBoon } from "./amount.ts";

const boon = (whole: bigint) => whole * parseUnits("1", 18);
const tenth = parseUnits("0.1", 18);

describe("formatBoon", () => {
  it("groups thousands and trims trailing zeros", () => {
    expect(formatBoon(boon(1234567n))).toBe("1,234,567");
    expect(formatBoon(boon(12n) + 5n * tenth)).toBe("12.5");
  });
  it("cuts to the requested precision", () => {
    expect(formatBoon(123456789n * parseUnits("1", 10), 2)).toBe("1.23");
    expect(formatBoon(1n)).toBe("0");
    expect(formatBoon(-boon(3n))).toBe("-3");
  });
});

describe("parseBoon", () => {
  it("reads decimals and separators exactly", () => {
    expect(parseBoon("12.5")).toEqual({ ok: true, value: boon(12n) + 5n * tenth });
    expect(parseBoon("1,000")).toEqual({ ok: true, value: boon(1000n) });
    expect(parseBoon("0.000000000000000001")).toEqual({ ok: true, value: 1n });
  });
  it("rejects what is not a positive amount, with a reason", () => {
    expect(parseBoon("")).toMatchObject({ ok: false, message: "Enter an amount." });
    expect(parseBoon("1.2.3")).toMatchObject({ ok: false });
    expect(parseBoon("abc")).toMatchObject({ ok: false });
    expect(parseBoon("0")).toMatchObject({
      ok: false,
      message: "The amount must be more than zero.",
    });
    expect(parseBoon("0.0000000000000000001")).toMatchObject({ ok: false });
  });
});

describe("formatCents", () => {
  it("prints integer cents as dollars", () => {
    expect(formatCents(123456)).toBe("$1,234.56");
    expect(formatCents(5)).toBe("$0.05");
    expect(formatCents(-250)).toBe("-$2.50");
  });
});
