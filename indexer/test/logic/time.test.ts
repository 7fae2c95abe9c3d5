import { describe, expect, it } from "vitest";
import { dateOf, dayOf, weekStartOf } from "../../src/logic/time.ts";

describe("time buckets", () => {
  it("counts UTC days from the epoch", () => {
    expect(dayOf(0n)).toBe(0);
    expect(dayOf(86_399n)).toBe(0);
    expect(dayOf(86_400n)).toBe(1);
    expect(dateOf(dayOf(BigInt(Date.UTC(2026, 10, 22, 23, 59) / 1000)))).toBe("2026-11-22");
  });

  it("starts weeks on Monday", () => {
    // 2026-11-16 is a Monday, 2026-11-22 the Sunday of the same week, 2026-11-23 the next Monday.
    const day = (iso: string) => dayOf(BigInt(Date.parse(`${iso}T12:00:00Z`) / 1000));
    expect(dateOf(weekStartOf(day("2026-11-16")))).toBe("2026-11-16");
    expect(dateOf(weekStartOf(day("2026-11-22")))).toBe("2026-11-16");
    expect(dateOf(weekStartOf(day("2026-11-23")))).toBe("2026-11-23");
    expect(dateOf(weekStartOf(0))).toBe("1969-12-29");
  });
});
