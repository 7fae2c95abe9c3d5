import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../test/support/backend-harness.tsx";
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

const pricing = {
  currency: "usd",
  boonPerUsd: "10000000000000000000",
  decimals: 18,
  feeCents: { fixed: 0, bps: 0 },
  minCents: 100,
  maxCents: 1_000_000,
};

/** Signed in, with one unpaid checkout holding $25 until the backend hears it is cancelled. */
function backend(create?: (request: FakeRequest) => [number, unknown]) {
  let open = true;
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path === "/v1/pricing") return [200, pricing];
    if (request.path === "/v1/purchases" && request.method === "POST" && create)
      return create(request);
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

const buyError = () => screen.getByTestId("buy-error").textContent;

/** Opens /buy with a backend that refuses the checkout, and presses Continue to payment. */
async function pressContinueRefused(status: number, error: { code: string; message: string }) {
  window.history.replaceState(null, "", "/buy");
  renderWithBackend(
    <BuyPage />,
    backend(() => [status, { error }]),
  );
  await screen.findByTestId("credit-balance");
  fireEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
}

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
      "You cancelled the payment. Nothing was charged and your limit is free again.",
    );
    expect(screen.queryByText(/expired/)).toBeNull();
    expect(requests("/v1/purchases/p1/cancel")).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId("open-checkouts")).toBeNull());
  });
});

describe("BuyPage: the price before checkout, and errors people can act on", () => {
  it("shows BOON per dollar, fees, the limits and what the amount buys", async () => {
    window.history.replaceState(null, "", "/buy");
    renderWithBackend(<BuyPage />, backend());
    const price = await screen.findByTestId("price");
    expect(price.textContent).toContain("$1 = 10 BOON");
    expect(price.textContent).toContain("Fees: none, the whole amount buys credits");
    expect(price.textContent).toContain("From $1.00 to $10,000.00 per purchase.");
    expect(screen.getByTestId("quote").textContent).toBe("You pay $25.00 and get 250 BOON.");
    fireEvent.change(screen.getByLabelText("Amount (USD)"), { target: { value: "12.5" } });
    expect(screen.getByTestId("quote").textContent).toBe("You pay $12.50 and get 125 BOON.");
  });

  it("refuses an amount outside the limits before asking the backend", async () => {
    window.history.replaceState(null, "", "/buy");
    const { requests } = renderWithBackend(<BuyPage />, backend());
    await screen.findByTestId("price");
    await screen.findByTestId("credit-balance");
    fireEvent.change(screen.getByLabelText("Amount (USD)"), { target: { value: "0.50" } });
    fireEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    expect((await screen.findByTestId("buy-error")).textContent).toBe(
      "Enter an amount from $1.00 to $10,000.00.",
    );
    expect(requests("/v1/purchases").filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("never shows the API's own wording", async () => {
    await pressContinueRefused(400, {
      code: "invalid_request",
      message: "amountCents must be between 100 and 1000000",
    });
    await waitFor(() => expect(buyError()).toBe("Enter an amount from $1.00 to $10,000.00."));
    expect(document.body.textContent).not.toContain("amountCents");
  });

  it("says the payment service is down in plain words", async () => {
    await pressContinueRefused(503, {
      code: "payment_provider_unavailable",
      message: "Stripe: ECONNREFUSED",
    });
    await waitFor(() =>
      expect(buyError()).toBe(
        "The payment service is not answering right now. Nothing was charged; try again in a minute.",
      ),
    );
  });

  it("shows no sign-in form while the session loads or when the server is down", async () => {
    window.history.replaceState(null, "", "/buy");
    // Before /v1/me answers (a signed-in user), the page says it is loading, not "sign in".
    const { unmount } = renderWithBackend(<BuyPage />, (request) =>
      request.path === "/v1/pricing" ? [200, pricing] : [200, signedInProfile],
    );
    expect(screen.getByText("Loading your account…")).toBeTruthy();
    expect(screen.queryByLabelText(/email/i)).toBeNull();
    await screen.findByTestId("credit-balance");
    unmount();

    renderWithBackend(<BuyPage />, (request) =>
      request.path === "/v1/me"
        ? [502, { error: { code: "bad_gateway", message: "down" } }]
        : [200, pricing],
    );
    const down = await screen.findByTestId("session-error");
    expect(down.textContent).toContain("Boon's server cannot be reached");
    expect(screen.queryByLabelText(/email/i)).toBeNull();
  });
});
