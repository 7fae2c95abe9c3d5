import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../test/support/backend-harness.tsx";
import { WithdrawCard } from "./WithdrawCard.tsx";

const alice = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const bob = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const limits = {
  tier: "BASIC",
  restricted: false,
  windowHours: 24,
  limitCents: 10_000,
  usedCents: 2_500,
  remainingCents: 7_500,
  nextReleaseAt: null,
  fullyAvailableAt: null,
  reservedCents: 0,
  reservations: [],
  withdrawalHoldHours: 72,
};
const onHold = {
  error: {
    code: "funds_on_hold",
    message:
      "Part of your balance is recent card money still inside its hold period; it cannot leave to a wallet yet",
    details: { balance: "25000000000000000000", withdrawable: "0" },
  },
};

const BOON = 10n ** 18n;
const releaseAt = "2026-12-04T17:30:00.000Z";
const allHeld = {
  available: "0",
  held: (25n * BOON).toString(),
  releases: [{ amount: (25n * BOON).toString(), at: releaseAt }],
};
const allFree = { available: (25n * BOON).toString(), held: "0", releases: [] };

/** The backend: signed in, 25 BOON of credits (`holds` says what may leave), `withdraw` answering. */
function backend(
  withdraw: (request: FakeRequest) => [number, unknown],
  holds: typeof allHeld = allFree,
) {
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path === "/v1/me/limits") return [200, limits];
    if (request.path === "/v1/me/balance")
      return [200, { balance: (25n * BOON).toString(), withdrawable: holds.available }];
    if (request.path === "/v1/me/holds") return [200, holds];
    return withdraw(request);
  };
}

const amount = () => screen.getByLabelText("Amount (BOON)");
const withdraw = () => fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));

describe("WithdrawCard", () => {
  it("withdraws exact base units to the chosen linked wallet, preferring the connected one", async () => {
    const { requests } = renderWithBackend(
      <WithdrawCard wallets={[alice.toLowerCase(), bob.toLowerCase()]} preferred={bob} />,
      backend(() => [201, { delivery: { id: "d1", status: "queued" } }]),
    );
    await screen.findByText("You can withdraw 25 of your 25 BOON in credits now.");
    expect((screen.getByLabelText("To wallet") as HTMLSelectElement).value).toBe(bob);
    fireEvent.change(screen.getByLabelText("To wallet"), { target: { value: alice } });
    fireEvent.change(amount(), { target: { value: "0.000000000000000001" } });
    withdraw();
    await screen.findByText(/on its way to 0x15d3…6A65/);
    const [sent] = requests("/v1/withdrawals");
    expect(sent?.body).toEqual({ to: alice, amount: "1" });
    expect(sent?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect((amount() as HTMLInputElement).value).toBe("");
  });

  it("says how much is held and when it becomes available, and disables Withdraw at 0", async () => {
    const { requests } = renderWithBackend(
      <WithdrawCard wallets={[alice]} />,
      backend(() => [201, {}], allHeld),
    );
    const notice = await screen.findByTestId("hold-notice");
    const local = new Date(releaseAt).toLocaleString(undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });
    expect(notice.textContent).toBe(
      `All your credits are on hold. 25 BOON becomes available to withdraw on ${local}.`,
    );
    const button = screen.getByRole("button", { name: "Withdraw" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    fireEvent.change(amount(), { target: { value: "5" } });
    withdraw();
    expect(requests("/v1/withdrawals")).toHaveLength(0);
  });

  it("lists each later release when part is free already", async () => {
    renderWithBackend(
      <WithdrawCard wallets={[alice]} />,
      backend(() => [201, {}], {
        available: (5n * BOON).toString(),
        held: (20n * BOON).toString(),
        releases: [
          { amount: (15n * BOON).toString(), at: releaseAt },
          { amount: (5n * BOON).toString(), at: "2026-12-05T09:00:00.000Z" },
        ],
      }),
    );
    const notice = await screen.findByTestId("hold-notice");
    expect(notice.textContent).toMatch(/^15 BOON becomes available to withdraw on .+5 BOON on /);
    expect((screen.getByRole("button", { name: "Withdraw" }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it("shows the hold on card money, and retrying the same request reuses its key", async () => {
    const { requests } = renderWithBackend(
      <WithdrawCard wallets={[alice]} />,
      backend(() => [422, onHold]),
    );
    await screen.findByText(/card purchases can leave to a wallet 72 hours after payment/);
    fireEvent.change(amount(), { target: { value: "5" } });
    withdraw();
    const error = await screen.findByRole("alert");
    expect(error.textContent).toBe(
      "Part of your balance is recent card money still inside its hold period; it cannot leave to a wallet yet. " +
        "On the BASIC tier, card purchases are held for 72 hours before they can leave to a wallet. " +
        "You can withdraw up to 0 of your 25 BOON now.",
    );
    withdraw();
    await waitFor(() => expect(requests("/v1/withdrawals")).toHaveLength(2));
    fireEvent.change(amount(), { target: { value: "4" } });
    withdraw();
    await waitFor(() => expect(requests("/v1/withdrawals")).toHaveLength(3));
    const keys = requests("/v1/withdrawals").map((r) => r.headers["idempotency-key"]);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("checks the amount before asking the backend", async () => {
    const { requests } = renderWithBackend(
      <WithdrawCard wallets={[alice]} />,
      backend(() => [201, { delivery: { id: "d1", status: "queued" } }]),
    );
    fireEvent.change(amount(), { target: { value: "1.5.0" } });
    withdraw();
    await screen.findByText("Use digits and at most one decimal point.");
    expect(amount().getAttribute("aria-invalid")).toBe("true");
    expect(requests("/v1/withdrawals")).toHaveLength(0);
  });

  it("asks to link a wallet when none is linked", () => {
    renderWithBackend(
      <WithdrawCard wallets={[]} />,
      backend(() => [500, {}]),
    );
    expect(screen.getByText(/Link a wallet above to withdraw/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Withdraw" })).toBeNull();
  });
});
