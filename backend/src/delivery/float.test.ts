import { describe, expect, it } from "vitest";
import { planFloat } from "./float.ts";

const vault = "0x00000000000000000000000000000000000000aa";

describe("planFloat", () => {
  it("needs nothing for a batch without gifts", () => {
    const plan = planFloat({
      floatAvailable: 5n,
      approvedVault: null,
      vault,
      topUp: 100n,
      batch: [{ kind: "withdrawal", amount: 50n }],
    });
    expect(plan).toEqual({ mint: 0n, approve: false, floatAfter: 5n });
  });

  it("spends the float when it covers the gifts, approving a new vault once", () => {
    const plan = planFloat({
      floatAvailable: 100n,
      approvedVault: null,
      vault,
      topUp: 1000n,
      batch: [
        { kind: "gift_social", amount: 30n },
        { kind: "gift_link", amount: 20n },
        { kind: "withdrawal", amount: 500n },
      ],
    });
    expect(plan).toEqual({ mint: 0n, approve: true, floatAfter: 50n });
  });

  it("mints the shortfall plus a top-up when the float runs short", () => {
    const plan = planFloat({
      floatAvailable: 10n,
      approvedVault: vault.toUpperCase().replace("0X", "0x"),
      vault,
      topUp: 1000n,
      batch: [{ kind: "gift_address", amount: 40n }],
    });
    expect(plan).toEqual({ mint: 1030n, approve: false, floatAfter: 1000n });
  });
});
