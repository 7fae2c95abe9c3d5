import { z } from "zod";
import { pingDatabase } from "../db/pool.ts";
import type { AppDeps } from "../deps.ts";
import type { Api } from "../http/operations.ts";

const healthSchema = z.object({ status: z.literal("ok") });
const readySchema = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.object({ database: z.enum(["ok", "failed"]) }),
});

const READY_TIMEOUT_MS = 2_000;
const tags = ["operations"];

/** Probes and metrics: never rate limited (load balancers and scrapers call them constantly). */
export function opsRoutes(api: Api, deps: Pick<AppDeps, "pool" | "metrics">): void {
  api.route(
    {
      method: "get",
      path: "/health",
      tags,
      summary: "Liveness: the process is up",
      auth: "public",
      rateLimit: "exempt",
      responses: { 200: { description: "Alive", schema: healthSchema } },
    },
    (_input, _req, res) => {
      res.json({ status: "ok" });
    },
  );
  api.route(
    {
      method: "get",
      path: "/ready",
      tags,
      summary: "Readiness: the database answers",
      auth: "public",
      rateLimit: "exempt",
      responses: {
        200: { description: "Ready to serve", schema: readySchema },
        503: { description: "A dependency is down", schema: readySchema },
      },
    },
    async (_input, req, res) => {
      let database: "ok" | "failed" = "ok";
      try {
        await withTimeout(pingDatabase(deps.pool), READY_TIMEOUT_MS);
      } catch (error) {
        req.log.warn({ err: error }, "readiness check failed");
        database = "failed";
      }
      const ready = database === "ok";
      res
        .status(ready ? 200 : 503)
        .json({ status: ready ? "ready" : "unavailable", checks: { database } });
    },
  );
  api.route(
    {
      method: "get",
      path: "/metrics",
      tags,
      summary: "Prometheus metrics (text exposition format)",
      auth: "public",
      rateLimit: "exempt",
      responses: { 200: { description: "Metrics", schema: z.string(), contentType: "text/plain" } },
    },
    async (_input, _req, res) => {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
