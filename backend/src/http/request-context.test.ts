import { Writable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../ops/logger.ts";
import { listen, type RunningServer } from "../server.ts";
import { requestLogger } from "./request-context.ts";

const lines: Record<string, unknown>[] = [];
let server: RunningServer;
let base: string;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger("info", { destination: sink });
  const app = express();
  app.use(requestLogger(logger));
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/me", (req, res) => {
    req.auth = { userId: "7a6c1d1e-6b1f-4c55-9d1e-0b8a3f3c2a11", role: "user", sessionId: "s" };
    req.log.info({ step: "inside" }, "handler ran");
    res.json({ ok: true });
  });
  app.get("/bad", (_req, res) => {
    res.status(400).json({});
  });
  app.get("/boom", (_req, res) => {
    res.status(500).json({});
  });
  server = await listen(app, 0, "127.0.0.1");
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close(1_000);
});

/** The log lines written for the request with this id (they arrive after the response). */
async function linesFor(reqId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const found = lines.filter((line) => line.reqId === reqId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no log line for ${reqId}`);
}

describe("requestLogger", () => {
  it("writes one line per request: id, method, path without query, status, time, user", async () => {
    const res = await fetch(`${base}/me?code=secret-oauth-code`, {
      headers: {
        authorization: "Bearer top-secret-token",
        cookie: "boon_at=secret-cookie",
        "x-request-id": "trace-1",
      },
    });
    expect(res.headers.get("x-request-id")).toBe("trace-1");
    const [inside, done] = await linesFor("trace-1", 2);
    expect(inside).toMatchObject({ msg: "handler ran", step: "inside", reqId: "trace-1" });
    expect(done).toMatchObject({
      level: 30,
      msg: "request completed",
      reqId: "trace-1",
      method: "GET",
      path: "/me",
      status: 200,
      userId: "7a6c1d1e-6b1f-4c55-9d1e-0b8a3f3c2a11",
      remoteAddress: "127.0.0.1",
    });
    expect(typeof done?.responseTime).toBe("number");
    expect(JSON.stringify(lines)).not.toMatch(/secret/);
  });

  it("logs client errors as warn and server errors as error", async () => {
    for (const [path, level] of [
      ["/bad", 40],
      ["/boom", 50],
    ] as const) {
      const res = await fetch(`${base}${path}`);
      const [line] = await linesFor(res.headers.get("x-request-id") as string, 1);
      expect(line).toMatchObject({ level, path, msg: "request completed" });
    }
  });

  it("leaves health checks out of the log", async () => {
    const res = await fetch(`${base}/health`, { headers: { "x-request-id": "health-1" } });
    expect(res.status).toBe(200);
    await fetch(`${base}/bad`, { headers: { "x-request-id": "after-health" } });
    await linesFor("after-health", 1);
    expect(lines.some((line) => line.reqId === "health-1")).toBe(false);
  });
});
