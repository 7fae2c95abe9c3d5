import { socialId } from "@boon/contracts";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  type FakeRequest,
  renderWithBackend,
  signedInProfile,
} from "../../../test/support/backend-harness.tsx";
import XClaimPage from "./XClaimPage.tsx";

vi.mock("wagmi", () => ({
  useConfig: () => ({}),
  useConnection: () => ({ address: undefined }),
  useSignMessage: () => ({ mutateAsync: vi.fn() }),
  usePublicClient: () => undefined,
}));

const aliceId = "1700000000000000001";
const linked = {
  xUserId: aliceId,
  handle: "alice",
  name: "Alice",
  socialId: socialId("x", aliceId),
  profileUrl: "https://x.com/alice",
  status: "active",
  handleSeenAt: "2026-12-01T10:00:00.000Z",
  linkedAt: "2026-12-01T10:00:00.000Z",
};
const wallet = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const sender = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

function gift(id: string, amount: string, message: string) {
  return {
    giftId: id,
    token: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
    sender,
    paidByCard: false,
    amount,
    decimals: 18,
    message,
    context: null,
    postId: "1850000000000000002",
    postUrl: "https://x.com/i/web/status/1850000000000000002",
    expiresAt: "2099-01-01T00:00:00.000Z",
    sentAt: "2026-12-01T10:00:00.000Z",
    txHash: `0x${"ab".repeat(32)}`,
    claim: {
      token: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
      sender,
      kind: 1,
      recipient: linked.socialId,
      amount,
      expiry: 4_070_908_800,
    },
  };
}

function openGifts(gifts: ReturnType<typeof gift>[]) {
  return {
    chainId: 31337,
    vault: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
    socialId: linked.socialId,
    account: { xUserId: aliceId, handle: "alice", name: "Alice" },
    gifts,
    totals: [],
    more: false,
    indexedAt: null,
  };
}

const claim = (status: string) => ({
  id: "c1",
  kind: "social",
  status,
  destination: "credits",
  to: "0x14dc79964da2c08b23698b3d3cc7ca32193d9955",
  giftIds: ["11", "12"],
  amount: "7000000000000000000",
  txHash: null,
  error: null,
  createdAt: "2026-12-01T10:00:00.000Z",
});

/** A signed-in Alice with X linked and `gifts` open; the relayer confirms at the first look. */
function routes(gifts: ReturnType<typeof gift>[], profile: unknown = signedInProfile) {
  return (request: FakeRequest): [number, unknown] => {
    if (request.path === "/v1/me")
      return profile ? [200, profile] : [401, { error: { code: "unauthenticated", message: "" } }];
    if (request.path === "/v1/me/x") return [200, linked];
    if (request.path === "/v1/me/x/gifts") return [200, openGifts(gifts)];
    if (request.path === "/v1/relay")
      return [200, { enabled: true, custodyAddress: claim("").to, chainId: 31337 }];
    if (request.path === "/v1/relay/claims") return [202, claim("queued")];
    if (request.path === "/v1/relay/claims/c1") return [200, claim("confirmed")];
    return [404, { error: { code: "not_found", message: request.path } }];
  };
}

describe("XClaimPage", () => {
  it("asks a signed-out visitor to sign in with X", async () => {
    renderWithBackend(<XClaimPage />, routes([], null));
    await screen.findByRole("button", { name: "Sign in with X" });
    expect(screen.queryByText(/No open gifts/)).toBeNull();
  });

  it("says what X's callback refused, and takes it off the address", async () => {
    window.history.replaceState(null, "", "/claim/x?x=error&code=x_access_denied");
    renderWithBackend(<XClaimPage />, routes([], null));
    await screen.findByText("You cancelled on X. Nothing was linked.");
    await waitFor(() => expect(window.location.search).toBe(""));
  });

  it("asks a signed-in user without X to link it", async () => {
    renderWithBackend(<XClaimPage />, (request) =>
      request.path === "/v1/me/x"
        ? [404, { error: { code: "x_not_linked", message: "No X account is linked" } }]
        : routes([])(request),
    );
    await screen.findByRole("button", { name: "Link your X account" });
  });

  it("says so when the account has no open gifts", async () => {
    renderWithBackend(<XClaimPage />, routes([]));
    await screen.findByText("No open gifts for @alice.");
    expect(screen.queryByRole("button", { name: /gas-free/ })).toBeNull();
  });

  it("shows an error, distinct from empty, when the gifts cannot be read", async () => {
    renderWithBackend(<XClaimPage />, (request) =>
      request.path === "/v1/me/x/gifts"
        ? [503, { error: { code: "indexer_unavailable", message: "The indexer is down." } }]
        : routes([])(request),
    );
    await screen.findByText(/cannot be loaded: The indexer is down\./);
    expect(screen.queryByText(/No open gifts/)).toBeNull();
  });

  it("lists every open gift and claims them all into credits gas-free", async () => {
    const { requests } = renderWithBackend(
      <XClaimPage />,
      routes([gift("11", "5000000000000000000", "gm"), gift("12", "2000000000000000000", "")]),
    );
    const list = await screen.findByTestId("x-gifts");
    expect(list.textContent).toContain("+5 BOON");
    expect(list.textContent).toContain("“gm”");
    expect(list.textContent).toContain("From 0x7099…79C8");
    fireEvent.click(screen.getByRole("radio", { name: /Boon credits/ }));
    const button = await screen.findByRole("button", { name: "Claim all 7 BOON gas-free" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await screen.findByText(/are in your Boon credits/);
    const [post] = requests("/v1/relay/claims").filter((r) => r.method === "POST");
    expect(post?.body).toEqual({ kind: "social", to: { credits: true } });
    expect(post?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("claims to a proven wallet by default", async () => {
    const { requests } = renderWithBackend(
      <XClaimPage />,
      routes([gift("11", "5000000000000000000", "gm")], {
        ...signedInProfile,
        wallets: [{ address: wallet, linkedAt: "2026-12-01T10:00:00.000Z" }],
      }),
    );
    const button = await screen.findByRole("button", { name: "Claim all 5 BOON gas-free" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await screen.findByTestId("claimed");
    const [post] = requests("/v1/relay/claims").filter((r) => r.method === "POST");
    expect(post?.body).toEqual({ kind: "social", to: { wallet } });
  });
});
