import { describe, expect, it } from "vitest";
import { parseDollars } from "./money.ts";

describe("parseDollars", () => {
  it("reads dollars into integer cents", () => {
    expect(parseDollars("25")).toBe(2500);
    expect(parseDollars("$25.5")).toBe(2550);
    expect(parseDollars(" 0.07 ")).toBe(7);
  });
  it("rejects what is not a positive amount of money", () => {
    expect(parseDollars("")).toBeNull();
    expect(parseDollars("0")).toBeNull();
    expect(parseDollars("1.234")).toBeNull();
    expect(parseDollars("-5")).toBeNull();
    expect(parseDollars("ten")).toBeNull();
  });
});
