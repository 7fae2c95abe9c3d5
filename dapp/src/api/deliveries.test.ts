import { describe, expect, it, vi } from "vitest";
import { ApiError, createBackend } from "./backend.ts";
import { createWithdrawal, fetchDeliveries } from "./deliveries.ts";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const row = {
  id: "6f1c0c55-5a8e-4c1b-9f59-1a3f9e0c2b11",
  type: "gift",
  giftKind: "link",
  status: "confirmed",
  amount: "10000000000000000000",
  decimals: 18,
  recipient: null,
  recipientLabel: null,
  linkKeyAddress: "0x0000000000000000000000000000000000000001",
  context: "0x",
  message: "",
  expiresAt: null,
  refundOf: null,
  txHash: `0x${"ab".repeat(32)}`,
  blockNumber: "12",
  giftId: "3",
  failure: null,
  createdAt: "2026-11-22T00:00:00.000Z",
  updatedAt: "2026-11-22T00:00:01.000Z",
  finishedAt: "2026-11-22T00:00:01.000Z",
};

describe("fetchDeliveries", () => {
  it("asks for a page after the cursor and reads amounts as bigint base units", async () => {
    const fetcher = vi.fn(async (_url: string | URL | Request) =>
      json(200, { items: [row], nextCursor: "7" }),
    );
    const backend = createBackend("http://api", fetcher as typeof fetch);
    const page = await fetchDeliveries(backend, "9", 10);
    expect(String(fetcher.mock.calls[0]?.[0])).toBe(
      "http://api/v1/me/deliveries?limit=10&cursor=9",
    );
    expect(page.nextCursor).toBe("7");
    expect(page.items[0]?.amount).toBe(10_000_000_000_000_000_000n);
    expect(page.items[0]?.status).toBe("confirmed");
  });
  it("refuses an answer whose amount is not an integer", async () => {
    const backend = createBackend("http://api", (async () =>
      json(200, { items: [{ ...row, amount: "1.5" }], nextCursor: null })) as typeof fetch);
    await expect(fetchDeliveries(backend, null, 10)).rejects.toMatchObject({
      code: "bad_response",
    });
  });
});

describe("createWithdrawal", () => {
  it("posts the wallet and base units with the idempotency key; refusals keep their code", async () => {
    const fetcher = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      json(422, {
        error: { code: "funds_on_hold", message: "On hold", details: { withdrawable: "0" } },
      }),
    );
    const backend = createBackend("http://api", fetcher as typeof fetch);
    const to = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
    const attempt = createWithdrawal(backend, { to, amount: 5n * 10n ** 18n }, "key-12345");
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({ status: 422, code: "funds_on_hold" });
    const init = fetcher.mock.calls[0]?.[1];
    expect(init?.body).toBe(`{"to":"${to}","amount":"5000000000000000000"}`);
    expect(init?.headers).toMatchObject({ "idempotency-key": "key-12345" });
  });
});
