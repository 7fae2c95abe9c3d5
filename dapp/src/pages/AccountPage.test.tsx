import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithBackend, signedInProfile } from "../../test/support/backend-harness.tsx";
import type { AppConfig } from "../config/config.ts";
import AccountPage from "./AccountPage.tsx";

vi.mock("wagmi", () => ({
  useConnection: () => ({ address: undefined }),
  useSignMessage: () => ({ mutateAsync: vi.fn() }),
}));

const config = {} as AppConfig;
const down = () => [503, { error: { code: "unavailable", message: "down" } }] as [number, unknown];

describe("Account", () => {
  it("says the server is down instead of showing a sign-in form to a signed-in user", async () => {
    renderWithBackend(<AccountPage />, down, { config });
    await screen.findByText("Your account cannot be loaded");
    expect(screen.queryByRole("button", { name: "Email me a code" })).toBeNull();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("shows the sign-in form to a visitor who never signed in, without asking the server", async () => {
    const view = renderWithBackend(<AccountPage />, down, { config, signedIn: false });
    await screen.findByRole("button", { name: "Email me a code" });
    expect(view.requests()).toEqual([]);
  });

  it("shows the profile without internal jargon", async () => {
    renderWithBackend(
      <AccountPage />,
      ({ path }) => (path === "/v1/me" ? [200, signedInProfile] : down()),
      { config },
    );
    await screen.findByRole("heading", { name: "Profile" });
    expect(document.body.textContent).not.toMatch(/Role/);
    expect(screen.getByText("alice@example.com")).toBeTruthy();
  });
});
