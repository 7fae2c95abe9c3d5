import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
  authEvents: Counter<"event" | "outcome">;
  // ---- MONEY: webhook lag, journal counters go below this line ----
};

/** One registry per app instance, so tests can run several apps in one process. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: "boon_" });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "boon_http_request_duration_seconds",
      help: "HTTP request latency by method, matched route and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    authEvents: new Counter({
      name: "boon_auth_events_total",
      help: "Sign-in, refresh and logout attempts by outcome",
      labelNames: ["event", "outcome"],
      registers: [registry],
    }),
  };
}

/** Times every request, labelled by the matched route pattern (not the raw path, to bound labels). */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer();
    res.on("finish", () => {
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === "string" ? `${req.baseUrl}${routePath}` : "unmatched";
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
