import { describe, expect, it } from "vitest";
import type { Limits } from "../api/money.ts";
import { limitProblem } from "./limit-check.ts";

const limits: Limits = {
  tier: "BASIC",
  restricted: false,
  windowHours: 24,
  limitCents: 10_000,
  usedCents: 7_500,
  remainingCents: 2_500,
  nextReleaseAt: null,
  fullyAvailableAt: null,
  reservedCents: 0,
  reservations: [],
  withdrawalHoldHours: 72,
};

describe("limitProblem", () => {
  it("lets a purchase within the remaining limit through", () => {
    expect(limitProblem(2_500, limits)).toBeNull();
  });
  it("explains a purchase past the limit, with the way to raise it", () => {
    expect(limitProblem(2_501, limits)).toBe(
      "That is more than your BASIC limit allows right now: $25.00 of $100.00 left in the last 24 hours. Verify your identity on Account to raise it.",
    );
    expect(limitProblem(1, { ...limits, tier: "PREMIUM", remainingCents: 0 })).not.toMatch(
      /Verify/,
    );
  });
  it("stops restricted accounts", () => {
    expect(limitProblem(1, { ...limits, restricted: true })).toMatch(/restricted/);
  });
});
