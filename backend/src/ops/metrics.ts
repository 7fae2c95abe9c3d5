import type { RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  httpRequestDuration: Histogram<"method" | "route" | "status">;
  authEvents: Counter<"event" | "outcome">;
  // ---- MONEY: webhook lag, journal counters go below this line ----
  /** Seconds from Stripe creating an event to our processing it. */
  webhookLag: Histogram<"type">;
  webhookEvents: Counter<"type" | "outcome">;
  journalsPosted: Counter<"kind">;
  // ---- DELIVERY ----
  /** Outbox rows not yet final, by status (queued, signed, sent). */
  deliveryOutboxDepth: Gauge<"status">;
  deliveryOldestQueuedSeconds: Gauge;
  /** Seconds from a row being queued to its transaction being final. */
  deliverySendLatency: Histogram<"kind">;
  deliveryFailures: Counter<"kind" | "code">;
  // ---- RELAYER ----
  /** Relayed claims by kind and outcome (queued, confirmed, failed, refused) and code. */
  relayClaims: Counter<"kind" | "outcome" | "code">;
  /** Wei the relayer's mined transactions cost today (UTC). */
  relayGasSpentToday: Gauge;
  /** Wei left of today's budget (budget - spent - reserved). */
  relayBudgetRemaining: Gauge;
  /** 1 while the remaining budget is under RELAY_BUDGET_ALERT_FRACTION of it. */
  relayBudgetLow: Gauge;
  // ---- NOTIFICATIONS ----
  /** Emails by notification and outcome (sent, skipped, retried: sent by an operator, dead_lettered). */
  notifications: Counter<"notification" | "outcome">;
  /** Dead letters waiting for an operator, by notification. */
  notificationDeadLettersOpen: Gauge<"notification">;
};

/** One registry per app instance, so tests can run several apps in one process. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: "boon_" });
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
    webhookLag: new Histogram({
      name: "boon_stripe_webhook_lag_seconds",
      help: "Delay between a Stripe event's creation and its processing, by event type",
      labelNames: ["type"],
      buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: "boon_stripe_webhook_events_total",
      help: "Stripe webhook events received, by event type and outcome (processed, duplicate, ignored: not Boon's, rejected, retry)",
      labelNames: ["type", "outcome"],
      registers: [registry],
    }),
    journalsPosted: new Counter({
      name: "boon_ledger_journals_total",
      help: "Ledger journals written (idempotent repeats not counted), by kind",
      labelNames: ["kind"],
      registers: [registry],
    }),
    deliveryOutboxDepth: new Gauge({
      name: "boon_delivery_outbox_depth",
      help: "Delivery outbox rows not yet final, by status",
      labelNames: ["status"],
      registers: [registry],
    }),
    deliveryOldestQueuedSeconds: new Gauge({
      name: "boon_delivery_oldest_queued_seconds",
      help: "Age of the oldest delivery not yet final (0 when the outbox is empty)",
      registers: [registry],
    }),
    deliverySendLatency: new Histogram({
      name: "boon_delivery_latency_seconds",
      help: "Seconds from a delivery being queued to its transaction being final, by kind",
      labelNames: ["kind"],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    deliveryFailures: new Counter({
      name: "boon_delivery_failures_total",
      help: "Deliveries that ended failed (money returned), by kind and failure code",
      labelNames: ["kind", "code"],
      registers: [registry],
    }),
    relayClaims: new Counter({
      name: "boon_relay_claims_total",
      help: "Relayed claims by kind, outcome (queued, confirmed, failed, refused) and code",
      labelNames: ["kind", "outcome", "code"],
      registers: [registry],
    }),
    relayGasSpentToday: new Gauge({
      name: "boon_relay_gas_spent_today_wei",
      help: "Wei the relayer's mined claims cost today (UTC day)",
      registers: [registry],
    }),
    relayBudgetRemaining: new Gauge({
      name: "boon_relay_budget_remaining_wei",
      help: "Wei left of today's relayer gas budget (budget - spent - reserved)",
      registers: [registry],
    }),
    relayBudgetLow: new Gauge({
      name: "boon_relay_budget_low",
      help: "1 while the remaining relayer budget is under RELAY_BUDGET_ALERT_FRACTION of it (alert)",
      registers: [registry],
    }),
    notifications: new Counter({
      name: "boon_notifications_total",
      help: "Notification emails by notification and outcome (sent, skipped, retried: sent by an operator's retry, dead_lettered)",
      labelNames: ["notification", "outcome"],
      registers: [registry],
    }),
    notificationDeadLettersOpen: new Gauge({
      name: "boon_notification_dead_letters_open",
      help: "Notifications dead-lettered and not yet retried, by notification (alert when above 0)",
      labelNames: ["notification"],
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
