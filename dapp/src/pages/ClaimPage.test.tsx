import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRequest, renderWithBackend } from "../../test/support/backend-harness.tsx";
import type { GiftRow } from "../api/gift-row.ts";
import ClaimPage, { LOOKUP_LIMIT_MS } from "./ClaimPage.tsx";

const wallet = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
vi.mock("wagmi", () => ({
  useConfig: () => ({}),
  useConnection: () => ({ address: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" }),
  useSignMessage: () => ({ mutateAsync: vi.fn() }),
  usePublicClient: () => undefined,
}));
const r = `0x${"11".repeat(32)}`;
vi.mock("../wallet/gift-actions.ts", () => ({
  signLinkClaim: async () => ({ r, yParityAndS: `0x${"22".repeat(32)}` }),
  claimLink: vi.fn(),
}));
const gifts = new Map<string, GiftRow>();
const lookups = vi.hoisted(() => ({ count: 0 }));
vi.mock("../api/indexer.ts", () => ({
  indexerClient: () => ({}),
  fetchGift: async () => null,
  fetchLinkGift: async (_client: unknown, key: string) => {
    lookups.count++;
    return gifts.get(key.toLowerCase()) ?? null;
  },
}));

const keyA = `0x${"a1".repeat(32)}` as const;
const keyB = `0x${"b2".repeat(32)}` as const;

function linkGift(key: `0x${string}`, amount: bigint, status: GiftRow["status"] = "pending") {
  const linkKey = privateKeyToAccount(key).address.toLowerCase() as `0x${string}`;
  gifts.set(linkKey, {
    kind: "link",
    giftId: 77n,
    recipient: linkKey,
    sender: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    amount,
    status,
    expiry: 4_070_908_800n,
    message: "",
    context: null,
    sentTimestamp: 1_764_000_000n,
  } as unknown as GiftRow);
}

const custody = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955";
function routes(request: FakeRequest): [number, unknown] {
  if (request.path === "/v1/me") return [401, { error: { code: "unauthenticated", message: "" } }];
  if (request.path === "/v1/relay")
    return [200, { enabled: true, custodyAddress: custody, chainId: 31337 }];
  if (request.path === "/v1/relay/claims")
    return [409, { error: { code: "gift_already_claimed", message: "claimed" } }];
  return [404, { error: { code: "not_found", message: request.path } }];
}

afterEach(() => {
  gifts.clear();
  vi.useRealTimers();
  window.location.hash = "";
});

describe("ClaimPage", () => {
  it("shows the gift of a link pasted into the same tab", async () => {
    linkGift(keyA, 3_000_000_000_000_000_000n);
    linkGift(keyB, 8_000_000_000_000_000_000n);
    window.location.hash = `#key=${keyA}`;
    renderWithBackend(<ClaimPage />, routes);
    await waitFor(() => expect(screen.getByTestId("claim-amount").textContent).toMatch(/^3\s/));
    act(() => {
      window.location.hash = `#key=${keyB}`;
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    await waitFor(() => expect(screen.getByTestId("claim-amount").textContent).toMatch(/^8\s/));
  });

  it("stops looking for a gift that does not exist, and says so", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    window.location.hash = `#key=${keyA}`;
    renderWithBackend(<ClaimPage />, routes);
    await screen.findByText("Looking up the gift…");
    for (let waited = 0; waited < LOOKUP_LIMIT_MS + 15_000; waited += 1_000)
      await act(() => vi.advanceTimersByTimeAsync(1_000));
    await screen.findByTestId("claim-not-found");
    // Bounded, and backing off: not one lookup a second.
    expect(lookups.count).toBeLessThan(25);
    const settled = lookups.count;
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(lookups.count).toBe(settled);
    expect(screen.getByRole("button", { name: "Look again" })).toBeTruthy();
  });

  it("says when a gift was already claimed, offering no claim", async () => {
    linkGift(keyA, 1n, "claimed");
    window.location.hash = `#key=${keyA}`;
    renderWithBackend(<ClaimPage />, routes);
    expect((await screen.findByTestId("claim-closed")).textContent).toMatch(/already been claimed/);
    expect(screen.queryByRole("button", { name: /Claim/ })).toBeNull();
  });

  it("claims gas-free with the link key's signature, explaining the relayer's refusal", async () => {
    linkGift(keyA, 3n);
    window.location.hash = `#key=${keyA}`;
    const { requests } = renderWithBackend(<ClaimPage />, routes);
    const button = await screen.findByRole("button", { name: "Claim to 0x9965…A4dc" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await screen.findByText("This gift has already been claimed.");
    const [post] = requests("/v1/relay/claims");
    expect(post?.body).toEqual({
      kind: "link",
      giftId: "77",
      to: wallet,
      // 65 bytes: r, s, v
      signature: expect.stringMatching(/^0x(11){32}[0-9a-f]{66}$/),
    });
  });

  it("keeps saying where the gift went once the indexer shows it claimed", async () => {
    linkGift(keyA, 3_000_000_000_000_000_000n);
    window.location.hash = `#key=${keyA}`;
    const claim = (status: string) => ({
      id: "c9",
      kind: "link",
      status,
      destination: "wallet",
      to: wallet,
      giftIds: ["77"],
      amount: "3000000000000000000",
      txHash: null,
      error: null,
      createdAt: "2026-12-01T10:00:00.000Z",
    });
    renderWithBackend(<ClaimPage />, (request) => {
      if (request.path === "/v1/relay/claims") return [202, claim("queued")];
      if (request.path === "/v1/relay/claims/c9") {
        // The indexer catches up as the claim confirms.
        linkGift(keyA, 3_000_000_000_000_000_000n, "claimed");
        return [200, claim("confirmed")];
      }
      return routes(request);
    });
    const button = await screen.findByRole("button", { name: "Claim to 0x9965…A4dc" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    const looked = lookups.count;
    fireEvent.click(button);
    await screen.findByTestId("claimed", {}, { timeout: 5_000 });
    // The gift was looked up again (now claimed): the confirmation stays.
    await waitFor(() => expect(lookups.count).toBeGreaterThan(looked));
    expect(screen.getByTestId("claimed").textContent).toMatch(/3 BOON are in 0x9965…A4dc/);
    expect(screen.queryByText(/already been claimed/)).toBeNull();
  });
});
