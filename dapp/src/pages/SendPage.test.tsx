import { screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../test/support/backend-harness.tsx";
import type { AppConfig } from "../config/config.ts";
import SendPage from "./SendPage.tsx";
import { batchHeadline, headlineFor } from "./send/send-gifts.ts";
import { defaultPayWith } from "./send/use-send-form.ts";

const wallet = vi.hoisted(() => ({ address: undefined as string | undefined }));
vi.mock("wagmi", () => ({
  useConnection: () => ({ address: wallet.address }),
  useReadContract: () => ({ data: undefined }),
  useConfig: () => ({}),
  usePublicClient: () => undefined,
}));

const config = {
  contracts: { giftVault: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" },
  explorerUrl: undefined,
} as unknown as AppConfig;
const bob = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const creditGift = {
  delivery: { id: "d1", status: "queued", giftId: null },
};

function cardUserBackend(sent: FakeRequest[]) {
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me") return [200, signedInProfile];
    if (request.path === "/v1/me/balance")
      return [200, { balance: "50000000000000000000", withdrawable: "0" }];
    if (request.path === "/v1/gifts") {
      sent.push(request);
      return [201, creditGift];
    }
    return [404, { error: { code: "not_found", message: "none" } }];
  };
}

beforeEach(() => {
  wallet.address = undefined;
});

describe("Send", () => {
  it("pays with credits by default for a signed-in user without a wallet, and never asks for one", async () => {
    const sent: FakeRequest[] = [];
    renderWithBackend(<SendPage />, cardUserBackend(sent), { config });
    await screen.findByText("You have 50 BOON in credits.");
    expect(screen.getByRole<HTMLInputElement>("radio", { name: /^Credits/ }).checked).toBe(true);
    expect(screen.queryByText("Connect to send")).toBeNull();
    await userEvent.type(screen.getByLabelText("Recipient address"), bob);
    await userEvent.type(screen.getByLabelText("Amount (BOON)"), "5");
    await userEvent.click(screen.getByRole("button", { name: "Send gift" }));
    await screen.findByRole("heading", { name: "Sent" });
    expect(screen.getByTestId("sent-headline").textContent).toBe("5 BOON sent to 0x9965…A4dc.");
    expect(sent[0]?.body).toMatchObject({
      kind: "address",
      to: bob,
      amount: "5000000000000000000",
    });
  });

  it("offers both ways to a signed-out visitor without a wallet, and no jargon", async () => {
    renderWithBackend(<SendPage />, () => [404, {}], { signedIn: false, config });
    await screen.findByText("Connect to send");
    expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/account");
    expect(document.body.textContent).not.toMatch(/permit/i);
  });

  it("keeps the wallet as the default when one is connected", () => {
    expect(defaultPayWith("single", true, true)).toBe("wallet");
    expect(defaultPayWith("single", false, true)).toBe("credits");
    expect(defaultPayWith("single", false, false)).toBe("wallet");
    expect(defaultPayWith("batch", false, true)).toBe("wallet");
  });

  it("names the amount and the recipient in its confirmations", () => {
    expect(headlineFor({ kind: "address", to: bob, amount: 5n * 10n ** 18n })).toBe(
      "5 BOON sent to 0x9965…A4dc.",
    );
    expect(headlineFor({ kind: "link", to: null, amount: 3n * 10n ** 18n })).toBe(
      "Claim link made for 3 BOON.",
    );
    const entries = [{ kind: 0 }, { kind: 0 }, { kind: 2 }] as never;
    expect(batchHeadline({ entries, total: 12n * 10n ** 18n })).toBe(
      "3 gifts, 12 BOON in all: 2 to wallets, 1 claim link.",
    );
    const mixed = [{ kind: 0 }, { kind: 1 }, { kind: 1 }, { kind: 2 }] as never;
    expect(batchHeadline({ entries: mixed, total: 4n * 10n ** 18n })).toBe(
      "4 gifts, 4 BOON in all: 1 to a wallet, 1 claim link, 2 to X accounts.",
    );
  });
});
