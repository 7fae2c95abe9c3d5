import { socialId } from "@boon/contracts";
import { describe, expect, it, vi } from "vitest";
import { ApiError, type Backend } from "../api/backend.ts";
import { parseRecipient, replyIntentUrl, resolveRecipient, xClaimUrl } from "./recipient.ts";

const alice = {
  xUserId: "1700000000000000001",
  handle: "alice",
  name: "Alice",
  socialId: socialId("x", "1700000000000000001"),
  profileUrl: "https://x.com/alice",
};

function backendAnswering(answer: unknown | ApiError) {
  const fn = vi.fn(async () => {
    if (answer instanceof ApiError) throw answer;
    return answer;
  });
  return { backend: fn as unknown as Backend, fn };
}

describe("parseRecipient", () => {
  it("reads wallet addresses, checksumming them", () => {
    expect(parseRecipient(" 0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc ")).toEqual({
      ok: true,
      recipient: { kind: "address", address: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" },
    });
    expect(parseRecipient("0x1234")).toEqual({
      ok: false,
      message: "That is not a valid wallet address (0x and 40 hex characters).",
    });
  });

  it("reads @handles and profile links as X accounts", () => {
    const expected = {
      ok: true,
      recipient: { kind: "x", query: "@alice", label: "@alice", postId: null },
    };
    expect(parseRecipient("@alice")).toEqual(expected);
    expect(parseRecipient("https://x.com/alice")).toEqual(expected);
    expect(parseRecipient("twitter.com/alice/")).toEqual(expected);
  });

  it("reads post links as their author, keeping the post", () => {
    expect(parseRecipient("https://x.com/alice/status/1850000000000000002?s=20")).toEqual({
      ok: true,
      recipient: {
        kind: "x",
        query: "https://x.com/alice/status/1850000000000000002",
        label: "the author of @alice's post",
        postId: "1850000000000000002",
      },
    });
  });

  it("explains what it cannot read", () => {
    expect(parseRecipient("")).toMatchObject({ ok: false, message: /Enter a wallet address/ });
    expect(parseRecipient("@this_handle_is_too_long")).toMatchObject({ ok: false });
    expect(parseRecipient("https://example.com/alice")).toMatchObject({
      ok: false,
      message: /an @handle/,
    });
  });
});

describe("resolveRecipient", () => {
  const x = { kind: "x", query: "@alice", label: "@alice", postId: null } as const;

  it("asks Boon and checks the social id against X's numeric id", async () => {
    const { backend, fn } = backendAnswering(alice);
    const result = await resolveRecipient(backend, x);
    expect(fn).toHaveBeenCalledWith("/v1/x/resolve?q=%40alice", expect.anything());
    expect(result).toEqual({ ok: true, x: { ...alice, recipientId: alice.socialId } });
  });

  it("refuses an answer whose social id is not the account's", async () => {
    const { backend } = backendAnswering({ ...alice, socialId: socialId("x", "1") });
    expect(await resolveRecipient(backend, x)).toMatchObject({ ok: false });
  });

  it("says clearly when the account is unknown or suspended, or the post is gone", async () => {
    const cases: Array<[string, number, RegExp]> = [
      ["x_user_not_found", 404, /There is no X account @alice/],
      ["x_user_suspended", 422, /@alice is suspended on X/],
      ["x_post_not_found", 404, /deleted, or it is hidden or protected/],
      ["unauthenticated", 401, /Sign in to send to an X account/],
    ];
    for (const [code, status, message] of cases) {
      const { backend } = backendAnswering(new ApiError(status, code, "raw"));
      expect(await resolveRecipient(backend, x)).toEqual({
        ok: false,
        message: expect.stringMatching(message),
      });
    }
  });
});

describe("replyIntentUrl", () => {
  it("types the reply out for the sender, in reply to the post when there is one", () => {
    const url = new URL(
      replyIntentUrl({
        handle: "alice",
        amount: 5_000_000_000_000_000_000n,
        claimUrl: xClaimUrl("https://boon.example/"),
        postId: "1850000000000000002",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://x.com/intent/post");
    expect(url.searchParams.get("text")).toBe(
      "@alice I sent you 5 BOON. Claim it here: https://boon.example/claim/x",
    );
    expect(url.searchParams.get("in_reply_to")).toBe("1850000000000000002");
    const plain = new URL(
      replyIntentUrl({ handle: "alice", amount: 1n, claimUrl: "https://b/claim/x" }),
    );
    expect(plain.searchParams.has("in_reply_to")).toBe(false);
  });
});
