import { describe, expect, it } from "vitest";
import { planFloat } from "./float.ts";

const vault = "0x00000000000000000000000000000000000000aa";

describe("planFloat", () => {
  it.each([
    {
      case: "needs nothing for a batch without gifts",
      input: { floatAvailable: 5n, approvedVault: null, topUp: 100n },
      batch: [{ kind: "withdrawal", amount: 50n }],
      expected: { mint: 0n, approve: false, floatAfter: 5n },
    },
    {
      case: "spends the float when it covers the gifts, approving a new vault once",
      input: { floatAvailable: 100n, approvedVault: null, topUp: 1000n },
      batch: [
        { kind: "gift_social", amount: 30n },
        { kind: "gift_link", amount: 20n },
        { kind: "withdrawal", amount: 500n },
      ],
      expected: { mint: 0n, approve: true, floatAfter: 50n },
    },
    {
      case: "mints the shortfall plus a top-up when the float runs short",
      input: {
        floatAvailable: 10n,
        approvedVault: vault.toUpperCase().replace("0X", "0x"),
        topUp: 1000n,
      },
      batch: [{ kind: "gift_address", amount: 40n }],
      expected: { mint: 1030n, approve: false, floatAfter: 1000n },
    },
  ] as const)("$case", ({ input, batch, expected }) => {
    expect(planFloat({ ...input, vault, batch: [...batch] })).toEqual(expected);
  });
});
