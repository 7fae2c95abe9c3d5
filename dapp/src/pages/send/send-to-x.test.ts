import { zeroHash } from "viem";
import { describe, expect, it, vi } from "vitest";
import { ApiError, type Backend } from "../../api/backend.ts";
import type { SendDeps } from "./send-gifts.ts";
import { sendToX, XRecipientError } from "./send-to-x.ts";

const values = {
  kind: "x" as const,
  to: null,
  amount: 5_000_000_000_000_000_000n,
  message: "gm",
  context: zeroHash,
  postId: null,
  expiry: 2_000_000_000,
};

function deps(answer: (path: string, body: unknown) => unknown) {
  const backend = vi.fn(async (path: string, _schema: unknown, options?: { body?: unknown }) =>
    answer(path, options?.body),
  );
  return { deps: { backend: backend as unknown as Backend } as SendDeps, backend };
}

describe("sendToX", () => {
  it("pays from credits through POST /v1/gifts kind x and hands back the reply", async () => {
    const reply = { text: "t", intentUrl: "https://x.com/intent/post?text=t", claimUrl: "c" };
    const { deps: d, backend } = deps(() => ({
      delivery: { id: "d1", status: "queued" },
      x: { handle: "alice", reply },
    }));
    const created = await sendToX(d, "credits", undefined, "@alice", values, 7);
    expect(backend.mock.calls[0]?.[0]).toBe("/v1/gifts");
    expect(backend.mock.calls[0]?.[2]).toMatchObject({
      method: "POST",
      idempotencyKey: expect.any(String),
      body: {
        kind: "x",
        to: "@alice",
        amount: "5000000000000000000",
        message: "gm",
        expiresInSeconds: 7 * 86_400,
      },
    });
    expect(created.x).toEqual({ handle: "alice", intentUrl: reply.intentUrl });
  });

  it("refuses, before any transaction, an account X says is suspended", async () => {
    const { deps: d } = deps(() => {
      throw new ApiError(422, "x_user_suspended", "suspended");
    });
    const sending = sendToX(
      d,
      "wallet",
      "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
      "@spammer",
      values,
      7,
    );
    await expect(sending).rejects.toBeInstanceOf(XRecipientError);
    await expect(sending).rejects.toThrow("@spammer is suspended on X");
  });
});
