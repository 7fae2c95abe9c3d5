import { addressKey, GiftKind, socialId } from "@boon/contracts";
import { describe, expect, it, vi } from "vitest";
import { ApiError, type Backend } from "../api/backend.ts";
import { parseBatch } from "./batch.ts";
import { batchRequests } from "./batch-requests.ts";
import { resolveBatch } from "./batch-resolve.ts";
import { SIGN_IN_FOR_X } from "./recipient.ts";

const alice = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

/** A stand-in for GET /v1/x/resolve: `accounts` maps a query to X's numeric id, or to an error code. */
function backendFor(accounts: Record<string, string>) {
  return vi.fn(async (path: string) => {
    const query = new URL(path, "http://boon").searchParams.get("q") ?? "";
    const answer = accounts[query];
    if (!answer) throw new ApiError(404, "x_user_not_found", "no such user");
    if (!/^\d+$/.test(answer)) throw new ApiError(422, answer, answer);
    const handle = query.replace(/^@/, "").replace(/^https:\/\/x\.com\/(\w+)\/.*/, "$1");
    return {
      xUserId: answer,
      handle,
      name: handle,
      socialId: socialId("x", answer),
      profileUrl: `https://x.com/${handle}`,
    };
  });
}

function parsed(text: string) {
  const batch = parseBatch(text);
  if (!batch.ok) throw new Error(batch.errors.join(" "));
  return batch.entries;
}

describe("resolveBatch", () => {
  it("gives every X line its social id, in entry order, and skips other lines", async () => {
    const backend = backendFor({ "@alice": "11", "https://x.com/bob/status/7": "22" });
    const entries = parsed(`@alice, 1\n${alice}, 2\nlink, 3\nx.com/bob/status/7, 4`);
    const resolved = await resolveBatch(backend as unknown as Backend, entries);
    expect(resolved).toMatchObject({
      ok: true,
      accounts: [
        { handle: "alice", recipientId: socialId("x", "11") },
        null,
        null,
        { handle: "bob", recipientId: socialId("x", "22") },
      ],
    });
    expect(backend).toHaveBeenCalledTimes(2);
    if (!resolved.ok) return;
    const key = "0x000000000000000000000000000000000000bEEF";
    const requests = batchRequests(
      entries,
      [null, null, { address: key }, null],
      resolved.accounts,
    );
    expect(requests).toEqual([
      { kind: GiftKind.Social, recipient: socialId("x", "11"), amount: 10n ** 18n },
      { kind: GiftKind.Address, recipient: addressKey(alice), amount: 2n * 10n ** 18n },
      { kind: GiftKind.Link, recipient: addressKey(key), amount: 3n * 10n ** 18n },
      { kind: GiftKind.Social, recipient: socialId("x", "22"), amount: 4n * 10n ** 18n },
    ]);
  });

  it("refuses unknown and suspended handles, each by its line number", async () => {
    const backend = backendFor({ "@alice": "11", "@gone": "x_user_suspended" });
    const entries = parsed(`@alice, 1\n@nobody, 2\nlink, 3\n@gone, 4`);
    expect(await resolveBatch(backend as unknown as Backend, entries)).toEqual({
      ok: false,
      errors: [
        "Line 2: There is no X account @nobody. Check the spelling.",
        "Line 4: @gone is suspended on X, so they could never claim a gift. Pick someone else.",
      ],
    });
  });

  it("asks a signed-out sender to sign in, once", async () => {
    const backend = vi.fn(async () => {
      throw new ApiError(401, "unauthenticated", "sign in");
    });
    const entries = parsed("@alice, 1\n@bob, 2");
    expect(await resolveBatch(backend as unknown as Backend, entries)).toEqual({
      ok: false,
      errors: [SIGN_IN_FOR_X],
    });
    expect(backend).toHaveBeenCalledTimes(1);
  });
});
