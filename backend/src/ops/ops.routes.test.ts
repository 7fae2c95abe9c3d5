import { api, useTestApp } from "@boon/backend/test-support";
import { describe, expect, it } from "vitest";

const app = useTestApp();

describe("operations endpoints", () => {
  it("/health answers without touching the database", async () => {
    const res = await api(app, "GET", "/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("/ready checks the database", async () => {
    const res = await api(app, "GET", "/ready");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ready", checks: { database: "ok" } });
  });

  it("/metrics exposes the HTTP latency histogram with matched routes", async () => {
    await api(app, "GET", "/ready");
    const res = await api(app, "GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.body).toMatch(
      /boon_http_request_duration_seconds_count\{method="GET",route="\/ready",status="200"\} \d+/,
    );
  });

  it("/openapi.json is an OpenAPI 3.1 document covering the auth routes", async () => {
    const res = await api(app, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    for (const path of [
      "/v1/auth/siwe/nonce",
      "/v1/auth/siwe/verify",
      "/v1/auth/email/start",
      "/v1/auth/email/verify",
      "/v1/auth/refresh",
      "/v1/auth/logout",
      "/v1/me",
      "/v1/me/wallets",
      "/v1/admin/users/{id}",
      "/v1/admin/users/{id}/role",
      "/health",
      "/ready",
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    expect(
      res.body.paths["/v1/auth/email/start"].post.requestBody.content["application/json"].schema,
    ).toBeDefined();
  });

  it("/docs is a self-contained page allowed by the strict CSP", async () => {
    const res = await api(app, "GET", "/docs");
    expect(res.status).toBe(200);
    expect(res.body).toContain('<script src="/docs/docs.js"></script>');
    expect(res.body).not.toMatch(/https?:\/\/(?!localhost)/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const js = await api(app, "GET", "/docs/docs.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
  });
});

describe("request handling", () => {
  it("keeps a well-formed incoming x-request-id and echoes it", async () => {
    const res = await api(app, "GET", "/health", { headers: { "x-request-id": "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
  });

  it("replaces a malformed x-request-id with a fresh one", async () => {
    const res = await api(app, "GET", "/health", {
      headers: { "x-request-id": "bad id\twith spaces" },
    });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("unknown routes are 404 not_found in the error shape", async () => {
    const res = await api(app, "GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(typeof res.body.error.message).toBe("string");
  });

  it("malformed JSON is 400 invalid_json", async () => {
    const res = await api(app, "POST", "/v1/auth/email/start", { rawBody: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("oversized bodies are 413 payload_too_large", async () => {
    const res = await api(app, "POST", "/v1/auth/email/start", {
      body: { email: `${"a".repeat(app.config.bodyLimitBytes)}@example.com` },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("CORS allows the configured dApp origin with credentials and nothing else", async () => {
    const allowed = await api(app, "GET", "/health", {
      headers: { origin: "http://localhost:5173" },
    });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    const other = await api(app, "GET", "/health", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers and hides the framework", async () => {
    const res = await api(app, "GET", "/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});
