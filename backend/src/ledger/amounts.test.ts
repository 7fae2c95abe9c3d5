import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE_UNITS_PER_BOON, creditsForCents, proportionalCredits } from "./amounts.ts";

describe("creditsForCents", () => {
  it("converts cents at a per-BOON price without floats", () => {
    expect(creditsForCents(100n, 10n)).toBe(10n * BASE_UNITS_PER_BOON);
    expect(creditsForCents(1n, 3n)).toBe(BASE_UNITS_PER_BOON / 3n);
  });

  it("never credits more than the money paid for", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (cents, price) => {
          const credits = creditsForCents(cents, price);
          expect(credits * price).toBeLessThanOrEqual(cents * BASE_UNITS_PER_BOON);
          expect((credits + 1n) * price).toBeGreaterThan(cents * BASE_UNITS_PER_BOON);
        },
      ),
    );
  });

  it("rejects a zero price", () => {
    expect(() => creditsForCents(1n, 0n)).toThrow(RangeError);
  });
});

describe("proportionalCredits", () => {
  it("scales credits by the part of the payment", () => {
    expect(proportionalCredits(1000n, 25n, 100n)).toBe(250n);
    expect(proportionalCredits(1000n, 100n, 100n)).toBe(1000n);
  });

  it("rejects a part larger than the whole", () => {
    expect(() => proportionalCredits(1000n, 101n, 100n)).toThrow(RangeError);
  });
});
