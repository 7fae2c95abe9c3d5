import { act, fireEvent, render as renderPlain, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithBackend, signedInProfile } from "../../test/support/backend-harness.tsx";
import { deliveryOf } from "../../test/support/deliveries.ts";
import type { Delivery } from "../api/deliveries.ts";
import { DELIVERY_POLL_MS } from "../app/deliveries.ts";
import { ServicesProvider } from "../app/services.tsx";
import type { AppConfig } from "../config/config.ts";
import { Deliveries, DeliveryItem } from "./DeliveryList.tsx";

const hash = `0x${"ab".repeat(32)}`;
/** The JSON the backend sends for a delivery (amounts as strings). */
const wire = (patch: Partial<Delivery>) => {
  const d = deliveryOf(patch);
  return { ...d, amount: d.amount.toString(), decimals: 18, context: "0x", expiresAt: null };
};

afterEach(() => vi.useRealTimers());

const config = { explorerUrl: undefined } as AppConfig;
const render = (ui: ReactNode) =>
  renderPlain(
    <ServicesProvider value={{ config, backend: vi.fn() as never }}>{ui}</ServicesProvider>,
  );

describe("DeliveryItem", () => {
  it("shows the kind, amount, status badge and transaction", () => {
    render(
      <ul>
        <DeliveryItem delivery={deliveryOf({ status: "confirmed", txHash: hash, giftId: "4" })} />
      </ul>,
    );
    const row = screen.getByRole("listitem");
    expect(row.textContent).toContain("Withdrawal to 0x9965…A4dc");
    expect(row.textContent).toContain("−2.5 BOON");
    expect(screen.getByText("Confirmed").className).toContain("badge-confirmed");
    expect(screen.getByTitle(hash).textContent).toBe("0xabab…abab");
    expect(row.textContent).toContain("gift #4");
  });
  it("says why a delivery failed and that the credits came back", () => {
    render(
      <ul>
        <DeliveryItem
          delivery={deliveryOf({
            status: "failed",
            failure: { code: "vault_paused", reason: "The gift vault is paused." },
          })}
        />
      </ul>,
    );
    expect(screen.getByText("Failed").className).toContain("badge-failed");
    expect(
      screen.getByText("The gift vault is paused. The credits were returned to your balance."),
    ).toBeTruthy();
  });
});

describe("Deliveries", () => {
  it("polls while a delivery is on its way and stops once it settles", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let status: Delivery["status"] = "queued";
    const { requests } = renderWithBackend(<Deliveries />, ({ path }) =>
      path === "/v1/me"
        ? [200, signedInProfile]
        : [
            200,
            {
              items: [wire({ status, txHash: status === "queued" ? null : hash })],
              nextCursor: null,
            },
          ],
    );
    await screen.findByText("Queued");
    const polls = () => requests("/v1/me/deliveries").length;
    expect(polls()).toBe(1);
    status = "sent";
    await act(() => vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS));
    await screen.findByText("Sending");
    status = "confirmed";
    await act(() => vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS));
    await screen.findByText("Confirmed");
    const settled = polls();
    expect(settled).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(DELIVERY_POLL_MS * 5));
    expect(polls()).toBe(settled);
  });

  it("loads older deliveries page by page", async () => {
    const { requests } = renderWithBackend(<Deliveries />, ({ path }) => {
      if (path === "/v1/me") return [200, signedInProfile];
      return path.includes("cursor=5")
        ? [
            200,
            {
              items: [
                wire({ id: "old", status: "failed", failure: { code: "x", reason: "Reverted" } }),
              ],
              nextCursor: null,
            },
          ]
        : [200, { items: [wire({ id: "new", status: "confirmed" })], nextCursor: "5" }];
    });
    fireEvent.click(await screen.findByRole("button", { name: "Load more" }));
    await screen.findByText("Failed");
    expect(screen.getAllByTestId("delivery")).toHaveLength(2);
    expect(requests("/v1/me/deliveries").map((r) => r.path)).toEqual([
      "/v1/me/deliveries?limit=10",
      "/v1/me/deliveries?limit=10&cursor=5",
    ]);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("says what the list is for when it is empty", async () => {
    renderWithBackend(<Deliveries />, ({ path }) =>
      path === "/v1/me" ? [200, signedInProfile] : [200, { items: [], nextCursor: null }],
    );
    await screen.findByText(/Withdrawals and gifts paid with credits show here/);
  });
});
