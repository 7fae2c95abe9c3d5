import express from "express";
import { describe, expect, it } from "vitest";
import { listen } from "./server.ts";

describe("listen().close", () => {
  it("lets in-flight requests finish, then refuses new connections", async () => {
    const app = express();
    app.get("/slow", async (_req, res) => {
      await new Promise((r) => setTimeout(r, 300));
      res.json({ done: true });
    });
    const server = await listen(app, 0, "127.0.0.1");
    const url = `http://127.0.0.1:${server.port}/slow`;
    const inFlight = fetch(url).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close(5_000);
    expect(await inFlight).toEqual({ done: true });
    await closed;
    await expect(fetch(url)).rejects.toThrow();
  });

  it("cuts requests still running after the grace period", async () => {
    const app = express();
    app.get("/hang", () => {});
    const server = await listen(app, 0, "127.0.0.1");
    const hanging = fetch(`http://127.0.0.1:${server.port}/hang`).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.close(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});
