import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../test/support/backend-harness.tsx";
import PurchasesPage from "./PurchasesPage.tsx";

const BOON = 10n ** 18n;
const paid = {
  id: "p1",
  createdAt: "2026-12-01T17:00:00.000Z",
  paidAt: "2026-12-01T17:01:00.000Z",
  status: "partially_refunded",
  amountCents: 2_000,
  boon: (200n * BOON).toString(),
  feeCents: 0,
};
const receipt = {
  ...paid,
  rate: (10n * BOON).toString(),
  refunds: [
    {
      amountCents: 500,
      boon: (50n * BOON).toString(),
      at: "2026-12-02T09:00:00.000Z",
      reason: "refund",
    },
  ],
};

function backend(request: FakeRequest): [number, unknown] {
  if (request.path === "/v1/me") return [200, signedInProfile];
  if (request.path === "/v1/me/purchases")
    return [200, { items: [{ ...paid, id: "p2", status: "cancelled", paidAt: null }, paid] }];
  if (request.path === "/v1/me/purchases/p1") return [200, receipt];
  return [404, { error: { code: "purchase_not_found", message: "No such purchase" } }];
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("PurchasesPage", () => {
  it("lists purchases with their status and links each to its receipt", async () => {
    window.history.replaceState(null, "", "/purchases");
    renderWithBackend(<PurchasesPage />, backend);
    const list = await screen.findByTestId("purchase-list");
    expect(list.textContent).toContain("You cancelled the payment");
    expect(list.textContent).toContain("Partly refunded");
    const links = screen.getAllByRole("link", { name: "$20.00 by card" });
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/purchases/p2", "/purchases/p1"]);
  });

  it("shows a receipt: amount, fees, BOON, rate, status and refunds", async () => {
    window.history.replaceState(null, "", "/purchases/p1");
    renderWithBackend(<PurchasesPage />, backend);
    const card = await screen.findByTestId("receipt");
    const text = card.textContent ?? "";
    for (const fact of [
      "StatusPartly refunded",
      "Amount paid$20.00",
      "Fees$0.00",
      "BOON credited200 BOON",
      "Rate$1 = 10 BOON",
      "Receipt numberp1",
    ])
      expect(text).toContain(fact);
    expect(screen.getByTestId("refunds").textContent).toContain(
      "$5.00 back to your card, 50 BOON taken back",
    );
  });

  it("says plainly when the purchase is not the user's", async () => {
    window.history.replaceState(null, "", "/purchases/someone-elses");
    renderWithBackend(<PurchasesPage />, backend);
    expect((await screen.findByRole("alert")).textContent).toBe(
      "There is no purchase of yours with this number.",
    );
  });

  it("asks a signed-out visitor to sign in", async () => {
    window.history.replaceState(null, "", "/purchases");
    renderWithBackend(<PurchasesPage />, () => [
      401,
      { error: { code: "unauthenticated", message: "Sign in" } },
    ]);
    expect((await screen.findByTestId("signed-out")).textContent).toContain(
      "Sign in to see your purchases",
    );
  });
});
