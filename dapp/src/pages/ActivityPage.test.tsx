import { screen, waitFor, within } from "@testing-library/react";
import type { Hex } from "viem";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../test/support/backend-harness.tsx";
import { alice, bob, giftRowOf } from "../../test/support/gift-rows.ts";
import type { GiftRow } from "../api/gift-row.ts";
import type { GiftPage } from "../api/indexer.ts";
import ActivityPage from "./ActivityPage.tsx";

// The connected wallet (none: a card user) and the indexer's answer for its gifts.
const chain = vi.hoisted(() => ({
  address: undefined as string | undefined,
  gifts: async (): Promise<GiftPage> => ({ items: [], nextCursor: null }),
}));
vi.mock("wagmi", () => ({
  useConnection: () => ({ address: chain.address }),
  useConfig: () => ({}),
  usePublicClient: () => undefined,
}));
vi.mock("../api/indexer.ts", () => ({
  indexerClient: () => ({}),
  fetchGifts: () => chain.gifts(),
}));
// The open links block is tested with its component; here it only has to be there.
vi.mock("../components/OpenLinks.tsx", () => ({
  OpenLinks: () => <section data-testid="open-links" />,
}));

/** An activity line as the backend sends it (amounts in BOON base units as strings). */
const wire = (id: string, at: string, patch: Record<string, unknown>) => ({
  id,
  at,
  direction: "in",
  amountCents: null,
  status: "done",
  counterparty: null,
  txHash: null,
  ref: {},
  ...patch,
});
const purchase = wire("purchase:p1", "2026-12-01T17:00:00.000Z", {
  kind: "purchase",
  amount: `250${"0".repeat(18)}`,
  amountCents: 2_500,
  title: "Card purchase",
  ref: { purchaseId: "p1" },
});
const withdrawal = wire("delivery:d1", "2026-12-01T17:00:00.000Z", {
  kind: "withdrawal",
  direction: "out",
  amount: `30${"0".repeat(18)}`,
  status: "pending",
  title: "Withdrawal to your wallet",
  counterparty: alice,
  ref: { deliveryId: "d1" },
});
const seconds = (iso: string) => BigInt(Date.parse(iso) / 1000);

function backend(activity: (request: FakeRequest) => [number, unknown]) {
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path.startsWith("/v1/me/activity")) return activity(request);
    return [404, { error: { code: "not_found", message: request.path } }];
  };
}
const rowsOf = (list: HTMLElement) =>
  within(list)
    .getAllByRole("listitem")
    .map((row) => row.textContent);

afterEach(() => {
  window.history.replaceState(null, "", "/");
  chain.address = undefined;
  chain.gifts = async () => ({ items: [], nextCursor: null });
});

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

  it("filters the list to what was sent, and back", async () => {
    renderWithBackend(
      <ActivityPage />,
      backend(() => [200, { items: [purchase, withdrawal], nextCursor: null }]),
    );
    await waitFor(() => expect(screen.getAllByTestId("activity-item")).toHaveLength(2));
    screen.getByRole("button", { name: "Sent" }).click();
    await waitFor(() => expect(screen.getAllByTestId("activity-item")).toHaveLength(1));
    expect(screen.getByTestId("activity-item").textContent).toMatch(/^↑Withdrawal/);
    screen.getByRole("button", { name: "All" }).click();
    await waitFor(() => expect(screen.getAllByTestId("activity-item")).toHaveLength(2));
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

describe("ActivityPage with a connected wallet", () => {
  // Sent on 1 December 2026 at `time` (UTC).
  const gift = (eventId: string, time: string, patch: Partial<GiftRow>) =>
    giftRowOf({
      eventId,
      sentTx: `0x0${eventId}`,
      sentTimestamp: seconds(`2026-12-01T${time}:00Z`),
      ...patch,
    });
  const lower = (address: string) => address.toLowerCase() as Hex;
  // Alice's wallet sent Bob a gift that expired unclaimed (refundable) and received one from him,
  // which the backend also lists, since the wallet is linked to her account.
  const expired = gift("3", "17:30", { kind: "link", status: "pending", giftId: 9n, expiry: 1n });
  const received = gift("2", "16:00", { sender: lower(bob), recipient: lower(alice) });
  const receivedLine = wire("gift_received:2:0", "2026-12-01T16:00:00.000Z", {
    kind: "gift_received",
    amount: `5${"0".repeat(18)}`,
    title: "Gift received",
    counterparty: bob,
    txHash: "0x02",
  });

  it("merges the account and the wallet into one list, newest first, each gift once", async () => {
    chain.address = alice;
    chain.gifts = async () => ({ items: [expired, received], nextCursor: null });
    renderWithBackend(
      <ActivityPage />,
      backend(() => [200, { items: [purchase, receivedLine], nextCursor: null }]),
    );
    await screen.findAllByTestId("activity-item");
    const list = within(screen.getByTestId("activity-feed")).getByRole("list");
    expect(rowsOf(list)).toEqual([
      expect.stringMatching(/^↑Claim linkExpired.*−5 BOONRefund$/),
      expect.stringMatching(/^↓Card purchaseDone.*\+250 BOON$/),
      expect.stringMatching(/^↓From 0x9965…A4dcDelivered.*\+5 BOON$/),
    ]);
    expect(within(list).getByRole("button", { name: "Refund" })).toBeTruthy();
    expect(screen.getByTestId("open-links")).toBeTruthy();
    expect(screen.queryByTestId("sign-in-hint")).toBeNull();
  });

  it("holds the wallet's older gifts back until the account's next page is loaded", async () => {
    chain.address = alice;
    chain.gifts = async () => ({ items: [received], nextCursor: null });
    renderWithBackend(
      <ActivityPage />,
      backend((request) =>
        request.path.includes("before=")
          ? [200, { items: [], nextCursor: null }]
          : [200, { items: [withdrawal], nextCursor: "41" }],
      ),
    );
    await screen.findAllByTestId("activity-item");
    expect(screen.queryByText("From 0x9965…A4dc")).toBeNull();
    screen.getByRole("button", { name: "Load more" }).click();
    await screen.findByText("From 0x9965…A4dc");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("shows a signed-out wallet its gifts and a gentle prompt to sign in", async () => {
    chain.address = alice;
    chain.gifts = async () => ({ items: [received], nextCursor: null });
    const { requests } = renderWithBackend(
      <ActivityPage />,
      backend(() => [500, {}]),
      {
        signedIn: false,
      },
    );
    await screen.findByText("From 0x9965…A4dc");
    expect(screen.getByTestId("sign-in-hint").textContent).toMatch(/Sign in to see your purchases/);
    expect(screen.queryByTestId("signed-out")).toBeNull();
    expect(requests("/v1/me")).toEqual([]);
  });

  it("names the source that failed and still shows the other, never 'no activity'", async () => {
    chain.address = alice;
    chain.gifts = async () => Promise.reject(new Error("indexer down"));
    renderWithBackend(
      <ActivityPage />,
      backend(() => [200, { items: [purchase], nextCursor: null }]),
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "Your wallet's gifts cannot be loaded right now: the gift index is not answering. Below: your account's activity only.Try again",
    );
    expect((await screen.findByTestId("activity-item")).textContent).toMatch(/Card purchase/);
    expect(screen.queryByText(/No activity yet/)).toBeNull();
  });
});
