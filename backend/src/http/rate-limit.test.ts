import { api, signIn, startTestApp, TEST_ENV, type TestApp } from "@boon/backend/test-support";
import express from "express";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { createLogger } from "../ops/logger.ts";
import { listen } from "../server.ts";
import { errorHandler } from "./errors.ts";
import { createRateLimiters } from "./rate-limit.ts";

const apps: TestApp[] = [];
async function appWith(env: Record<string, string>): Promise<TestApp> {
  const app = await startTestApp({ env });
  apps.push(app);
  return app;
}
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

describe("rate limits", () => {
  it("sign-in endpoints are limited per IP, with Retry-After", async () => {
    const app = await appWith({ RATE_LIMIT_AUTH_PER_MINUTE: "3" });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await api(app, "GET", "/v1/auth/siwe/nonce")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await api(app, "POST", "/v1/auth/email/start", {
      body: { email: "a@example.com" },
    });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Health checks are never limited.
    expect((await api(app, "GET", "/health")).status).toBe(200);
  });

  it("every request is limited per IP", async () => {
    const app = await appWith({ RATE_LIMIT_IP_PER_MINUTE: "5" });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(app, "GET", "/openapi.json")).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
  });

  it("signed-in requests are limited per user, independently of other users", async () => {
    const app = await appWith({ RATE_LIMIT_USER_PER_MINUTE: "3" });
    const a = await signIn(app);
    const b = await signIn(app);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await api(app, "GET", "/v1/me", { headers: a.headers })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await api(app, "GET", "/v1/me", { headers: b.headers })).status).toBe(200);
  });

  it("the money limiter is stricter and per user", async () => {
    const config = loadConfig({ ...TEST_ENV, RATE_LIMIT_MONEY_PER_MINUTE: "2" });
    const limiters = createRateLimiters(config);
    const app = express();
    app.use((req, _res, next) => {
      const user = req.headers["x-test-user"];
      if (typeof user === "string") req.auth = { userId: user, role: "user", sessionId: user };
      next();
    });
    app.post("/money", limiters.money, (_req, res) => {
      res.json({ ok: true });
    });
    app.use(errorHandler(createLogger("silent")));
    const server = await listen(app, 0, "127.0.0.1");
    try {
      const ctx = { baseUrl: `http://127.0.0.1:${server.port}` };
      const as = (user: string) => api(ctx, "POST", "/money", { headers: { "x-test-user": user } });
      expect([(await as("u1")).status, (await as("u1")).status, (await as("u1")).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await as("u2")).status).toBe(200);
    } finally {
      await server.close(100);
    }
  });
});
