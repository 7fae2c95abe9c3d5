import { Router } from "express";
import { z } from "zod";
import { type Pool, pingDatabase } from "../db/pool.ts";
import { jsonResponse, openApiRegistry } from "../http/openapi.ts";
import type { Metrics } from "./metrics.ts";

const healthSchema = z.object({ status: z.literal("ok") });
const readySchema = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.object({ database: z.enum(["ok", "failed"]) }),
});

openApiRegistry.registerPath({
  method: "get",
  path: "/health",
  tags: ["operations"],
  summary: "Liveness: the process is up",
  responses: { 200: jsonResponse("Alive", healthSchema) },
});
openApiRegistry.registerPath({
  method: "get",
  path: "/ready",
  tags: ["operations"],
  summary: "Readiness: the database answers",
  responses: {
    200: jsonResponse("Ready to serve", readySchema),
    503: jsonResponse("A dependency is down", readySchema),
  },
});
openApiRegistry.registerPath({
  method: "get",
  path: "/metrics",
  tags: ["operations"],
  summary: "Prometheus metrics (text exposition format)",
  responses: { 200: { description: "Metrics", content: { "text/plain": { schema: z.string() } } } },
});

const READY_TIMEOUT_MS = 2_000;

export function opsRoutes(deps: { pool: Pool; metrics: Metrics }): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (req, res) => {
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
  });
  router.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
