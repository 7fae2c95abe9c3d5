import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, createBackend } from "./backend.ts";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("backend client", () => {
  it("sends cookies, JSON and the idempotency key, and validates the answer", async () => {
    const fetcher = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      json(201, { id: "p1" }),
    );
    const backend = createBackend("http://api", fetcher as typeof fetch);
    const result = await backend("/v1/purchases", z.object({ id: z.string() }), {
      method: "POST",
      body: { amountCents: 500 },
      idempotencyKey: "k1",
    });
    expect(result).toEqual({ id: "p1" });
    const [url, init] = fetcher.mock.calls[0] ?? [];
    expect(url).toBe("http://api/v1/purchases");
    expect(init).toMatchObject({
      method: "POST",
      credentials: "include",
      body: '{"amountCents":500}',
    });
    expect(init?.headers).toMatchObject({
      "idempotency-key": "k1",
      "content-type": "application/json",
    });
  });

  it("turns error bodies into ApiError with the code", async () => {
    const backend = createBackend("http://api", (async () =>
      json(403, {
        error: {
          code: "kyc_limit_exceeded",
          message: "Over your limit",
          details: { remainingCents: 100 },
        },
      })) as typeof fetch);
    const error = await backend("/v1/purchases", z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: "kyc_limit_exceeded",
      message: "Over your limit",
      details: { remainingCents: 100 },
    });
  });

  it("refreshes an expired session once and retries", async () => {
    const answers = [
      json(401, { error: { code: "unauthorized", message: "no" } }),
      json(200, {}),
      json(200, { ok: true }),
    ];
    const fetcher = vi.fn(async () => answers.shift() ?? json(500, {}));
    const backend = createBackend("http://api", fetcher as typeof fetch);
    await expect(backend("/v1/me", z.object({ ok: z.boolean() }))).resolves.toEqual({ ok: true });
    expect(fetcher.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      "http://api/v1/me",
      "http://api/v1/auth/refresh",
      "http://api/v1/me",
    ]);
  });

  it("reports an unreachable server and an unexpected answer", async () => {
    const down = createBackend("http://api", (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch);
    await expect(down("/v1/me", z.unknown())).rejects.toMatchObject({ code: "network_error" });
    const odd = createBackend("http://api", (async () => json(200, { id: 5 })) as typeof fetch);
    await expect(odd("/v1/me", z.object({ id: z.string() }))).rejects.toMatchObject({
      code: "bad_response",
    });
  });
});
