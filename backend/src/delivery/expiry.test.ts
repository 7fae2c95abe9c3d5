import { describe, expect, it } from "vitest";
import { escrowExpiry } from "./expiry.ts";

const bounds = { minExpirySeconds: 3600, maxExpirySeconds: 86_400 };

describe("escrowExpiry", () => {
  it("keeps a lifetime inside the bounds as chosen", () => {
    expect(escrowExpiry(1_000n, 7200, bounds)).toBe(8_200n);
  });

  it("adds slack at the lower bound so a slow mine still passes the vault's check", () => {
    expect(escrowExpiry(1_000n, 3600, bounds)).toBe(1_000n + 3600n + 300n);
  });

  it("stays below the upper bound by the same slack", () => {
    expect(escrowExpiry(1_000n, 86_400, bounds)).toBe(1_000n + 86_400n - 300n);
  });
});
