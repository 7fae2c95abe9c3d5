import { describe, expect, it } from "vitest";
import { higherTier, limitView, WINDOW_MS } from "./tiers.ts";

const now = new Date("2026-01-02T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("limitView", () => {
  it("counts only reservations inside the rolling 24 hours", () => {
    const view = limitView(
      "BASIC",
      [
        { amountCents: 4_000, createdAt: ago(WINDOW_MS + 1) },
        { amountCents: 3_000, createdAt: ago(60_000) },
        { amountCents: 2_000, createdAt: ago(3_600_000) },
      ],
      now,
    );
    expect(view.usedCents).toBe(5_000);
    expect(view.remainingCents).toBe(5_000);
    expect(view.nextReleaseAt).toEqual(new Date(ago(3_600_000).getTime() + WINDOW_MS));
    expect(view.fullyAvailableAt).toEqual(new Date(ago(60_000).getTime() + WINDOW_MS));
  });

  it("counts an open checkout only until it expires, and releases it then", () => {
    const soon = new Date(now.getTime() + 20 * 60_000);
    const view = limitView(
      "BASIC",
      [
        { amountCents: 2_000, createdAt: ago(60_000), heldUntil: soon },
        { amountCents: 3_000, createdAt: ago(3_600_000), heldUntil: ago(1) },
        { amountCents: 1_000, createdAt: ago(7_200_000) },
      ],
      now,
    );
    expect(view.usedCents).toBe(3_000);
    expect(view.nextReleaseAt).toEqual(soon);
    expect(view.fullyAvailableAt).toEqual(new Date(ago(7_200_000).getTime() + WINDOW_MS));
  });

  it("reports nothing to release when unused", () => {
    const view = limitView("PREMIUM", [], now);
    expect(view).toMatchObject({ usedCents: 0, remainingCents: 1_000_000, nextReleaseAt: null });
  });

  it("never reports negative remaining capacity after a downgrade", () => {
    expect(
      limitView("BASIC", [{ amountCents: 50_000, createdAt: ago(1) }], now).remainingCents,
    ).toBe(0);
  });
});

describe("higherTier", () => {
  it("only upgrades", () => {
    expect(higherTier("STANDARD", "BASIC")).toBe("STANDARD");
    expect(higherTier("BASIC", "PREMIUM")).toBe("PREMIUM");
  });
});
