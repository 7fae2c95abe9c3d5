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
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) => new Histogram<L>({ name, help, labelNames, buckets, registers });
  return {
    registry,
    httpRequestDuration: histogram(
      "boon_http_request_duration_seconds",
      "HTTP request latency by method, matched route and status",
      ["method", "route", "status"],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ),
    authEvents: counter(
      "boon_auth_events_total",
      "Sign-in, refresh and logout attempts by outcome",
      ["event", "outcome"],
    ),
    webhookLag: histogram(
      "boon_stripe_webhook_lag_seconds",
      "Delay between a Stripe event's creation and its processing, by event type",
      ["type"],
      [0.1, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600],
    ),
    webhookEvents: counter(
      "boon_stripe_webhook_events_total",
      "Stripe webhook events received, by event type and outcome (processed, duplicate, ignored: not Boon's, rejected, retry)",
      ["type", "outcome"],
    ),
    journalsPosted: counter(
      "boon_ledger_journals_total",
      "Ledger journals written (idempotent repeats not counted), by kind",
      ["kind"],
    ),
    deliveryOutboxDepth: gauge(
      "boon_delivery_outbox_depth",
      "Delivery outbox rows not yet final, by status",
      ["status"],
    ),
    deliveryOldestQueuedSeconds: gauge(
      "boon_delivery_oldest_queued_seconds",
      "Age of the oldest delivery not yet final (0 when the outbox is empty)",
    ),
    deliverySendLatency: histogram(
      "boon_delivery_latency_seconds",
      "Seconds from a delivery being queued to its transaction being final, by kind",
      ["kind"],
      [0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900],
    ),
    deliveryFailures: counter(
      "boon_delivery_failures_total",
      "Deliveries that ended failed (money returned), by kind and failure code",
      ["kind", "code"],
    ),
    relayClaims: counter(
      "boon_relay_claims_total",
      "Relayed claims by kind, outcome (queued, confirmed, failed, refused) and code",
      ["kind", "outcome", "code"],
    ),
    relayGasSpentToday: gauge(
      "boon_relay_gas_spent_today_wei",
      "Wei the relayer's mined claims cost today (UTC day)",
    ),
    relayBudgetRemaining: gauge(
      "boon_relay_budget_remaining_wei",
      "Wei left of today's relayer gas budget (budget - spent - reserved)",
    ),
    relayBudgetLow: gauge(
      "boon_relay_budget_low",
      "1 while the remaining relayer budget is under RELAY_BUDGET_ALERT_FRACTION of it (alert)",
    ),
    notifications: counter(
      "boon_notifications_total",
      "Notification emails by notification and outcome (sent, skipped, retried: sent by an operator's retry, dead_lettered)",
      ["notification", "outcome"],
    ),
    notificationDeadLettersOpen: gauge(
      "boon_notification_dead_letters_open",
      "Notifications dead-lettered and not yet retried, by notification (alert when above 0)",
      ["notification"],
    ),
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
