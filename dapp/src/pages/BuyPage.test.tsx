import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeRequest, renderWithBackend, signedInProfile } from "../test/backend-harness.tsx";
import BuyPage from "./BuyPage.tsx";

const until = "2026-12-01T17:42:00.000Z";
const purchase = {
  id: "p1",
  status: "open",
  amountCents: 2_500,
  priceCentsPerBoon: 10,
  credits: "250000000000000000000",
  decimals: 18,
  refundedCents: 0,
  checkoutUrl: "http://stripe.local/checkout/cs_1",
  reservedUntil: until,
  createdAt: "2026-12-01T17:11:00.000Z",
  paidAt: null,
};

function limits(
  reservations: { purchaseId: string; amountCents: number; reservedUntil: string }[],
) {
  const reservedCents = reservations.reduce((sum, r) => sum + r.amountCents, 0);
  return {
    tier: "BASIC",
    restricted: false,
    windowHours: 24,
    limitCents: 10_000,
    usedCents: reservedCents,
    remainingCents: 10_000 - reservedCents,
    nextReleaseAt: reservations[0]?.reservedUntil ?? null,
    fullyAvailableAt: reservations[0]?.reservedUntil ?? null,
    reservedCents,
    reservations,
    withdrawalHoldHours: 72,
  };
}

/** Signed in, with one unpaid checkout holding $25 until the backend hears it is cancelled. */
function backend() {
  let open = true;
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path === "/v1/me/balance") return [200, { balance: "0", withdrawable: "0" }];
    if (request.path === "/v1/me/limits")
      return [
        200,
        limits(open ? [{ purchaseId: "p1", amountCents: 2_500, reservedUntil: until }] : []),
      ];
    if (request.path === "/v1/purchases/p1/cancel" && request.method === "POST") {
      open = false;
      return [200, { ...purchase, status: "expired", checkoutUrl: null, reservedUntil: null }];
    }
    if (request.path === "/v1/purchases/p1") return [200, purchase];
    return [404, { error: { code: "not_found", message: request.path } }];
  };
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("BuyPage: what an unpaid checkout holds", () => {
  it("says how much is held and until when, and releases it on request", async () => {
    window.history.replaceState(null, "", "/buy");
    const { requests } = renderWithBackend(<BuyPage />, backend());
    const notice = await screen.findByTestId("open-checkouts");
    expect(notice.textContent).toContain(
      "$25.00 of your limit is held for a checkout you have not paid, until",
    );
    fireEvent.click(screen.getByRole("button", { name: "Release it" }));
    await waitFor(() => expect(screen.queryByTestId("open-checkouts")).toBeNull());
    expect(requests("/v1/purchases/p1/cancel").map((r) => r.method)).toEqual(["POST"]);
  });

  it("back from the checkout's Cancel, gives the checkout up at once", async () => {
    window.history.replaceState(null, "", "/buy/cancelled?purchase=p1");
    const { requests } = renderWithBackend(<BuyPage />, backend());
    await screen.findByText(
      "You left the checkout; nothing was charged and your limit is free again.",
    );
    expect(requests("/v1/purchases/p1/cancel")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId("open-checkouts")).toBeNull());
  });
});
