import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRequest, renderWithBackend, signedInProfile } from "../test/backend-harness.tsx";
import ActivityPage from "./ActivityPage.tsx";

// A card user: signed in, no wallet connected (the chain's gift list is not shown).
vi.mock("wagmi", () => ({ useConnection: () => ({ address: undefined }), useConfig: () => ({}) }));

const BOON = 10n ** 18n;
const purchase = {
  id: "purchase:p1",
  at: "2026-12-01T17:00:00.000Z",
  kind: "purchase",
  direction: "in",
  amount: (250n * BOON).toString(),
  amountCents: 2_500,
  status: "done",
  title: "Card purchase",
  counterparty: null,
  txHash: null,
  ref: { purchaseId: "p1" },
};
const withdrawal = {
  ...purchase,
  id: "delivery:d1",
  kind: "withdrawal",
  direction: "out",
  amount: (30n * BOON).toString(),
  amountCents: null,
  status: "pending",
  title: "Withdrawal to your wallet",
  counterparty: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  ref: { deliveryId: "d1" },
};

function backend(activity: (request: FakeRequest) => [number, unknown]) {
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path.startsWith("/v1/me/activity")) return activity(request);
    return [404, { error: { code: "not_found", message: request.path } }];
  };
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("ActivityPage for a signed-in card user", () => {
  it("lists the account's activity, newest first, with receipts and load more", async () => {
    const { requests } = renderWithBackend(
      <ActivityPage />,
      backend((request) =>
        request.path.includes("before=")
          ? [200, { items: [purchase], nextCursor: null }]
          : [200, { items: [withdrawal], nextCursor: "41" }],
      ),
    );
    const first = await screen.findAllByTestId("activity-item");
    expect(first.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^↑Withdrawal to your walletIn progress.* · to 0x15d3…6A65−30 BOON$/),
    ]);
    screen.getByRole("button", { name: "Load more" }).click();
    await waitFor(() => expect(screen.getAllByTestId("activity-item")).toHaveLength(2));
    const rows = screen.getAllByTestId("activity-item");
    expect(rows[1]?.textContent).toMatch(/Card purchaseDone.* · \$25\.00 · Receipt\+250 BOON$/);
    expect(screen.getByRole("link", { name: "Receipt" }).getAttribute("href")).toBe(
      "/purchases/p1",
    );
    expect(requests("/v1/me/activity").map((r) => r.path)).toEqual([
      "/v1/me/activity?limit=20",
      "/v1/me/activity?limit=20&before=41",
    ]);
    expect(screen.queryByText(/Connect to see your activity/)).toBeNull();
  });

  it("says loading while loading and nothing yet only when there is nothing", async () => {
    renderWithBackend(
      <ActivityPage />,
      backend(() => [200, { items: [], nextCursor: null }]),
    );
    expect(screen.getByText("Loading your account…")).toBeTruthy();
    expect(screen.queryByText(/No activity yet/)).toBeNull();
    await screen.findByText(/No activity yet/);
    expect(screen.queryByText(/Loading/)).toBeNull();
  });

  it("says the service is down, never 'no activity', when the backend fails", async () => {
    renderWithBackend(
      <ActivityPage />,
      backend(() => [503, { error: { code: "unavailable", message: "down" } }]),
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Your activity cannot be loaded right now");
    expect(screen.queryByText(/No activity yet/)).toBeNull();
  });

  it("asks a signed-out visitor without a wallet to sign in or connect", async () => {
    renderWithBackend(<ActivityPage />, () => [
      401,
      { error: { code: "unauthenticated", message: "Sign in" } },
    ]);
    expect((await screen.findByTestId("signed-out")).textContent).toContain(
      "Sign in to see your activity",
    );
    expect(screen.getByRole("button", { name: "Connect wallet" })).toBeTruthy();
  });
});
