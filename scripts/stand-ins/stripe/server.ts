// The local Stripe: one node:http server answering on Stripe's API paths (pointing the official
// client's host/port/protocol at it is the whole switch) and serving the test-mode hosted pages.
import { createClock } from "../clock.ts";
import { html, type Reply, type StandInRequest, serve } from "../http.ts";
import type { StandInOptions, StandInServer } from "../stand-in.ts";
import { handleApi } from "./api.ts";
import { expireDue, expireSession, type PayMethod, paySession } from "./checkout.ts";
import {
  STRIPE_API_VERSION,
  STRIPE_DEV_SECRET_KEY,
  STRIPE_DEV_WEBHOOK_SECRET,
} from "./defaults.ts";
import {
  closeDispute,
  type DisputeOutcome,
  escalateDispute,
  type OpenDisputeRequest,
  openDispute,
  submitEvidence,
} from "./disputes.ts";
import { errorReply, StripeApiError } from "./errors.ts";
import { handlePage } from "./hosted.ts";
import { completeVerification, type VerificationOutcome } from "./identity.ts";
import type {
  Charge,
  CheckoutSession,
  Dispute,
  Refund,
  StripeEvent,
  VerificationSession,
} from "./objects.ts";
import { notFoundPage } from "./pages.ts";
import { type RefundRequest, refund } from "./refunds.ts";
import { chargeOfPaymentIntent, createState, requireSession, type StripeState } from "./state.ts";
import {
  createWebhookSender,
  type SendOptions,
  type WebhookAttempt,
  type WebhookSender,
} from "./webhooks.ts";

export type StripeStandInOptions = StandInOptions & {
  /** The secret key API calls must carry (default `STRIPE_DEV_SECRET_KEY`). */
  secretKey?: string;
  /** Signs webhooks (default `STRIPE_DEV_WEBHOOK_SECRET`). */
  webhookSecret?: string;
  /** The webhook endpoint; may be set later with `setWebhookUrl`. */
  webhookUrl?: string;
};

/** Its `url` is the local https://api.stripe.com (and the hosted pages). */
export type StripeStandIn = StandInServer & {
  secretKey: string;
  webhookSecret: string;
  setWebhookUrl(url: string | undefined): void;
  // Test controls: each returns copies, and those that change something deliver its events.
  /** Every event built so far, oldest first. */
  events(): StripeEvent[];
  webhookAttempts(): WebhookAttempt[];
  /** Signs and posts one event once (another timestamp or secret on request); the HTTP status. */
  send(event: StripeEvent, options?: SendOptions): Promise<number>;
  /** The customer pays on the hosted page, without delivering the events (tests order them). */
  buildPayment(sessionId: string, method: PayMethod): StripeEvent[];
  pay(sessionId: string, method?: PayMethod): Promise<CheckoutSession>;
  expire(sessionId: string): Promise<CheckoutSession>;
  refund(request: RefundRequest): Promise<Refund>;
  /** Opens a dispute without delivering its events. */
  buildDispute(request: OpenDisputeRequest): { dispute: Dispute; events: StripeEvent[] };
  openDispute(request: OpenDisputeRequest): Promise<Dispute>;
  escalateDispute(disputeId: string): Promise<Dispute>;
  submitEvidence(disputeId: string): Promise<Dispute>;
  closeDispute(disputeId: string, outcome: DisputeOutcome): Promise<Dispute>;
  completeVerification(id: string, outcome: VerificationOutcome): Promise<VerificationSession>;
  session(sessionId: string): CheckoutSession;
  charge(paymentIntent: string): Charge;
  /** Moves the clock; sessions past `expires_at` expire (their events delivered). */
  advanceClock(seconds: number): Promise<void>;
};

const EXPIRY_SWEEP_MS = 1_000;

async function route(
  state: StripeState,
  webhooks: WebhookSender,
  request: StandInRequest,
): Promise<Reply> {
  void webhooks.deliver(expireDue(state));
  if (request.url.pathname.startsWith("/v1/")) {
    const { reply, events } = handleApi(state, request);
    // Stripe answers first and delivers the events on its own schedule.
    void webhooks.deliver(events);
    return reply;
  }
  try {
    const page = handlePage(state, request, webhooks.url());
    if (!page) return html(404, notFoundPage(request.url.pathname));
    // The hosted page waits for delivery, so the merchant knows the outcome when the browser returns.
    await webhooks.deliver(page.events);
    return page.reply;
  } catch (error) {
    if (error instanceof StripeApiError && error.status === 404)
      return html(404, notFoundPage(request.url.pathname));
    if (error instanceof StripeApiError) return errorReply(error);
    throw error;
  }
}

function controls(state: StripeState, webhooks: WebhookSender) {
  const copy = <T>(value: T): T => structuredClone(value);
  async function delivered<T>(result: { events: StripeEvent[] } & T): Promise<T> {
    await webhooks.deliver(result.events);
    return result;
  }
  return {
    setWebhookUrl: (url: string | undefined) => webhooks.setUrl(url),
    events: () => copy(state.events),
    webhookAttempts: () => copy(webhooks.attempts),
    send: (event: StripeEvent, options?: SendOptions) => webhooks.send(event, options),
    buildPayment: (id: string, method: PayMethod) => paySession(state, id, method),
    async pay(id: string, method: PayMethod = "card") {
      await webhooks.deliver(paySession(state, id, method));
      return copy(requireSession(state, id).session);
    },
    async expire(id: string) {
      await webhooks.deliver(expireSession(state, id));
      return copy(requireSession(state, id).session);
    },
    refund: async (request: RefundRequest) =>
      copy((await delivered(refund(state, request))).refund),
    buildDispute: (request: OpenDisputeRequest) => copy(openDispute(state, request)),
    openDispute: async (request: OpenDisputeRequest) =>
      copy((await delivered(openDispute(state, request))).dispute),
    escalateDispute: async (id: string) =>
      copy((await delivered(escalateDispute(state, id))).dispute),
    submitEvidence: async (id: string) =>
      copy((await delivered(submitEvidence(state, id))).dispute),
    closeDispute: async (id: string, outcome: DisputeOutcome) =>
      copy((await delivered(closeDispute(state, id, outcome))).dispute),
    completeVerification: async (id: string, outcome: VerificationOutcome) =>
      copy((await delivered(completeVerification(state, id, outcome))).session),
    session: (id: string) => copy(requireSession(state, id).session),
    charge: (paymentIntent: string) => copy(chargeOfPaymentIntent(state, paymentIntent)),
    async advanceClock(seconds: number) {
      state.clock.advance(seconds);
      await webhooks.deliver(expireDue(state));
    },
  };
}

/** Starts the local Stripe on 127.0.0.1 (a free port unless `port` is given). */
export async function startStripeStandIn(
  options: StripeStandInOptions = {},
): Promise<StripeStandIn> {
  const log = options.log ?? (() => {});
  const secretKey = options.secretKey ?? STRIPE_DEV_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? STRIPE_DEV_WEBHOOK_SECRET;
  const state = createState(createClock(), secretKey, STRIPE_API_VERSION);
  const webhooks = createWebhookSender({ secret: webhookSecret, url: options.webhookUrl, log });
  const server = await serve(
    { port: options.port, host: options.host, name: "Stripe", log },
    (request) => route(state, webhooks, request),
  );
  state.baseUrl = server.url;
  const sweep = setInterval(() => void webhooks.deliver(expireDue(state)), EXPIRY_SWEEP_MS);
  sweep.unref();
  log("local Stripe stand-in listening", { url: server.url });
  return {
    ...server,
    secretKey,
    webhookSecret,
    ...controls(state, webhooks),
    async stop() {
      clearInterval(sweep);
      webhooks.stop();
      await server.stop();
    },
  };
}
