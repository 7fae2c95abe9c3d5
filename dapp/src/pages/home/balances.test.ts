import { describe, expect, it } from "vitest";
import { creditsView, walletView } from "./balances.ts";

const q = <T>(patch: Partial<{ isPending: boolean; isError: boolean; data: T }>) => ({
  isPending: false,
  isError: false,
  data: undefined,
  ...patch,
});

describe("Home's balance cards", () => {
  it("never tell a signed-in user to sign in while loading, and say when the server is down", () => {
    expect(creditsView(q({ isPending: true }), q({})).hint).toBe("Checking your sign-in…");
    expect(creditsView(q({ data: { id: "u" } }), q({ isPending: true })).hint).toBe(
      "Loading your credits…",
    );
    expect(creditsView(q({ isError: true }), q({})).hint).toMatch(/cannot be reached/);
    expect(creditsView(q({ data: { id: "u" } }), q({ isError: true })).hint).toMatch(
      /cannot be loaded/,
    );
    expect(creditsView(q({ data: null }), q({})).hint).toBe("Sign in on Account to see them");
    expect(creditsView(q({ data: { id: "u" } }), q({ data: "8" }))).toEqual({
      value: "8",
      hint: "Bought by card, held by Boon",
    });
  });
  it("tell loading, unreadable and not connected apart for the wallet", () => {
    expect(walletView(false, q({})).hint).toBe("Connect a wallet to see it");
    expect(walletView(true, q({ isPending: true })).value).toBe("…");
    expect(walletView(true, q({ isError: true })).hint).toMatch(/cannot be read/);
    expect(walletView(true, q({ data: "5" })).value).toBe("5");
  });
});
