import { describe, expect, it } from "vitest";
import { deliveryOf } from "../../test/support/deliveries.ts";
import { ApiError } from "../api/backend.ts";
import type { Delivery } from "../api/deliveries.ts";
import { anyInFlight, deliveryTitle, keyFor, withdrawalProblem } from "./delivery.ts";

const bob = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
const delivery = (patch: Partial<Delivery>) => deliveryOf({ amount: 1n, recipient: bob, ...patch });

describe("deliveryTitle", () => {
  it("names each kind with a checksummed short address or the X account", () => {
    expect(deliveryTitle(delivery({}))).toBe("Withdrawal to 0x9965…A4dc");
    expect(deliveryTitle(delivery({ type: "gift", giftKind: "address" }))).toBe(
      "Gift to 0x9965…A4dc",
    );
    expect(deliveryTitle(delivery({ type: "gift", giftKind: "link", recipient: null }))).toBe(
      "Claim link gift",
    );
    expect(
      deliveryTitle(delivery({ type: "gift", giftKind: "social", recipientLabel: "x:42" })),
    ).toBe("Gift to X account 42");
    expect(deliveryTitle(delivery({ type: "gift_refund" }))).toBe("Refund of an unclaimed gift");
  });
});

describe("anyInFlight", () => {
  it("is true while something is queued or sent, false once all settled", () => {
    expect(anyInFlight([delivery({ status: "confirmed" }), delivery({ status: "sent" })])).toBe(
      true,
    );
    expect(anyInFlight([delivery({ status: "queued" })])).toBe(true);
    expect(anyInFlight([delivery({ status: "confirmed" }), delivery({ status: "failed" })])).toBe(
      false,
    );
    expect(anyInFlight([])).toBe(false);
  });
});

describe("withdrawalProblem", () => {
  const onHold = new ApiError(
    422,
    "funds_on_hold",
    "Part of your balance is recent card money still inside its hold period; it cannot leave to a wallet yet",
    { balance: "25000000000000000000", withdrawable: "2500000000000000000" },
  );
  it("explains the card-money hold with the tier's hours and what may leave now", () => {
    expect(withdrawalProblem(onHold, { tier: "BASIC", hours: 72 })).toBe(
      "Part of your balance is recent card money still inside its hold period; it cannot leave to a wallet yet. " +
        "On the BASIC tier, card purchases are held for 72 hours before they can leave to a wallet. " +
        "You can withdraw up to 2.5 of your 25 BOON now.",
    );
  });
  it("keeps to what it knows when the limits or details are missing", () => {
    const bare = new ApiError(422, "funds_on_hold", "On hold.", { balance: "1.5" });
    expect(withdrawalProblem(bare, undefined)).toBe("On hold.");
  });
  it("passes other refusals through as the backend worded them", () => {
    const unlinked = new ApiError(422, "wallet_not_linked", "Link that wallet first");
    expect(withdrawalProblem(unlinked, { tier: "BASIC", hours: 72 })).toBe(
      "Link that wallet first",
    );
  });
});

describe("keyFor", () => {
  it("reuses the key for the same request and makes a new one for another", () => {
    let n = 0;
    const fresh = () => `key-${++n}`;
    const first = keyFor(null, "a", fresh);
    expect(first).toEqual({ request: "a", key: "key-1" });
    expect(keyFor(first, "a", fresh)).toBe(first);
    expect(keyFor(first, "b", fresh)).toEqual({ request: "b", key: "key-2" });
  });
});
