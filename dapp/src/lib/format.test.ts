import { describe, expect, it } from "vitest";
import { relativeTime, shortAddress, shortGiftId } from "./format.ts";

describe("format", () => {
  it("shortens addresses", () => {
    expect(shortAddress("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")).toBe("0x15d3…6A65");
    expect(shortAddress("0x12")).toBe("0x12");
  });
  it("shortens 256-bit gift ids and keeps small ones", () => {
    expect(shortGiftId(String(2n ** 256n - 1n))).toBe("1157…9935");
    expect(shortGiftId("4")).toBe("4");
  });
  it("speaks of times relative to now", () => {
    expect(relativeTime(1_000 + 3 * 86_400, 1_000)).toBe("in 3 days");
    expect(relativeTime(1_000 - 7_200, 1_000)).toBe("2 hours ago");
    expect(relativeTime(1_030, 1_000)).toBe("in 30 seconds");
  });
});
