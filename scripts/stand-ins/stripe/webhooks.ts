// Webhook delivery as Stripe does it (https://docs.stripe.com/webhooks): each event POSTed as JSON
// to the endpoint, signed in the `Stripe-Signature` header with the endpoint's secret (the official
// library's signer), and retried with exponential backoff until a 2xx — here a few times within
// seconds instead of for three days.
import Stripe from "stripe";
import type { StripeEvent } from "./objects.ts";

/** One attempt to deliver an event to the webhook endpoint. */
export type WebhookAttempt = {
  eventId: string;
  type: string;
  status: number | "error";
  attempt: number;
};

export type SendOptions = {
  /** Sign with another timestamp (Unix seconds) than now: stale or future deliveries. */
  timestamp?: number;
  /** Sign with another secret: a forged delivery. */
  secret?: string;
};

export type WebhookSender = {
  url(): string | undefined;
  setUrl(url: string | undefined): void;
  /** Signs and posts one event once; returns the endpoint's HTTP status. */
  send(event: StripeEvent, options?: SendOptions): Promise<number>;
  /** Delivers events in order, each retried with backoff until a 2xx or the attempts run out. */
  deliver(events: StripeEvent[]): Promise<void>;
  attempts: WebhookAttempt[];
  stop(): void;
};

const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 400;

export function createWebhookSender(options: {
  secret: string;
  url?: string | undefined;
  log: (message: string, details?: Record<string, unknown>) => void;
}): WebhookSender {
  let url = options.url;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const attempts: WebhookAttempt[] = [];

  async function send(event: StripeEvent, sendOptions: SendOptions = {}): Promise<number> {
    if (!url) throw new Error("local Stripe: no webhook endpoint set");
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: sendOptions.secret ?? options.secret,
      ...(sendOptions.timestamp === undefined ? {} : { timestamp: sendOptions.timestamp }),
    });
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
      body: payload,
    });
    await response.arrayBuffer();
    return response.status;
  }

  async function attempt(event: StripeEvent, n: number): Promise<void> {
    if (stopped || !url) return;
    let status: number | "error";
    try {
      status = await send(event);
    } catch (error) {
      status = "error";
      options.log("webhook delivery failed", { eventId: event.id, error: String(error) });
    }
    attempts.push({ eventId: event.id, type: event.type, status, attempt: n });
    const failed = status === "error" || status < 200 || status >= 300;
    if (!failed || n >= MAX_ATTEMPTS || stopped) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void attempt(event, n + 1);
      },
      FIRST_RETRY_MS * 2 ** (n - 1),
    );
    timer.unref();
    timers.add(timer);
  }

  return {
    url: () => url,
    setUrl(next) {
      url = next;
    },
    send,
    async deliver(events) {
      for (const event of events) await attempt(event, 1);
    },
    attempts,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
