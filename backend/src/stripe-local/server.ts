import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { type FormValue, parseStripeForm } from "./form.ts";
import {
  type Charge,
  type CheckoutSession,
  type Dispute,
  type Metadata,
  makeEvent,
  nowSeconds,
  type Refund,
  type StripeEvent,
  type StripeObject,
  stripeId,
  type VerificationSession,
} from "./objects.ts";
import { checkoutPage, identityPage, resultPage } from "./pages.ts";

export type StripeLocalOptions = {
  /** Webhooks are signed with this secret, exactly as Stripe signs them. */
  webhookSecret: string;
  /** Where webhooks go; may be set later with setWebhookUrl (the backend's port is often unknown yet). */
  webhookUrl?: string;
  port?: number;
  host?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
};

/** One attempt to deliver a webhook event to the backend. */
export type WebhookAttempt = {
  eventId: string;
  type: string;
  status: number | "error";
  attempt: number;
};

export type StripeLocal = {
  url: string;
  host: string;
  port: number;
  setWebhookUrl(url: string): void;
  /** Every event built so far, oldest first (handy for tests that replay or reorder them). */
  events: StripeEvent[];
  webhookAttempts: WebhookAttempt[];
  /** Signs and posts an event body to the webhook URL; returns the HTTP status. */
  send(event: StripeEvent, options?: { timestamp?: number; secret?: string }): Promise<number>;
  /** Builds events without sending them (tests decide order and count). */
  buildPayment(sessionId: string, method: PayMethod): StripeEvent[];
  pay(sessionId: string, method?: PayMethod): Promise<CheckoutSession>;
  expire(sessionId: string): Promise<CheckoutSession>;
  refund(params: { paymentIntent: string; amount?: number }): Promise<Refund>;
  openDispute(params: { paymentIntent: string; amount?: number }): Promise<Dispute>;
  closeDispute(disputeId: string, outcome: "won" | "lost"): Promise<Dispute>;
  completeVerification(
    sessionId: string,
    outcome: "verified" | "failed" | "canceled",
  ): Promise<VerificationSession>;
  session(sessionId: string): CheckoutSession | undefined;
  close(): Promise<void>;
};

export type PayMethod = "card" | "async" | "async_fail";

class StripeApiError extends Error {
  readonly status: number;
  readonly param: string | undefined;
  constructor(status: number, message: string, param?: string) {
    super(message);
    this.status = status;
    this.param = param;
  }
}

const API_VERSION = Stripe.API_VERSION;
const MAX_ATTEMPTS = 5;

/**
 * A small in-process stand-in for the few Stripe endpoints Boon uses, with test-mode hosted pages.
 * The backend talks to it with the official client (host/port/protocol), so the same code path
 * runs offline and against real Stripe.
 */
export async function startStripeLocal(options: StripeLocalOptions): Promise<StripeLocal> {
  const log = options.log ?? (() => {});
  let webhookUrl = options.webhookUrl;
  let closed = false;
  const sessions = new Map<
    string,
    { session: CheckoutSession; productName: string; piMetadata: Metadata }
  >();
  const charges = new Map<string, Charge>();
  const chargeByPi = new Map<string, string>();
  const disputes = new Map<string, Dispute>();
  const verifications = new Map<string, VerificationSession>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const events: StripeEvent[] = [];
  const webhookAttempts: WebhookAttempt[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  function event(type: string, object: StripeObject): StripeEvent {
    const built = makeEvent(type, object, API_VERSION);
    events.push(built);
    return built;
  }

  async function send(
    evt: StripeEvent,
    opts: { timestamp?: number; secret?: string } = {},
  ): Promise<number> {
    if (!webhookUrl) throw new Error("stripe-local: no webhook URL set");
    const payload = JSON.stringify(evt);
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? options.webhookSecret,
      ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }),
    });
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": header },
      body: payload,
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Delivers like Stripe: retried with backoff until a 2xx (a few times here, not for days). */
  async function deliver(evt: StripeEvent, attempt = 1): Promise<void> {
    if (closed || !webhookUrl) return;
    let status: number | "error";
    try {
      status = await send(evt);
    } catch (error) {
      status = "error";
      log("webhook delivery failed", { eventId: evt.id, error: String(error) });
    }
    webhookAttempts.push({ eventId: evt.id, type: evt.type, status, attempt });
    if ((status === "error" || status >= 300) && attempt < MAX_ATTEMPTS && !closed) {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          void deliver(evt, attempt + 1);
        },
        200 * 2 ** attempt,
      );
      timer.unref();
      timers.add(timer);
    }
  }

  async function deliverAll(list: StripeEvent[]): Promise<void> {
    for (const evt of list) await deliver(evt);
  }

  function getSession(id: string) {
    const entry = sessions.get(id);
    if (!entry) throw new StripeApiError(404, `No such checkout.session: '${id}'`, "session");
    return entry;
  }

  function chargeFor(sessionId: string): Charge {
    const entry = getSession(sessionId);
    const pi = entry.session.payment_intent ?? stripeId("pi");
    entry.session.payment_intent = pi;
    const existing = chargeByPi.get(pi);
    if (existing) return charges.get(existing) as Charge;
    const charge: Charge = {
      id: stripeId("ch"),
      object: "charge",
      amount: entry.session.amount_total,
      amount_captured: entry.session.amount_total,
      amount_refunded: 0,
      captured: true,
      created: nowSeconds(),
      currency: entry.session.currency,
      disputed: false,
      livemode: false,
      metadata: { ...entry.piMetadata },
      paid: true,
      payment_intent: pi,
      refunded: false,
      status: "succeeded",
    };
    charges.set(charge.id, charge);
    chargeByPi.set(pi, charge.id);
    return charge;
  }

  function buildPayment(sessionId: string, method: PayMethod): StripeEvent[] {
    const { session } = getSession(sessionId);
    if (session.status !== "open")
      throw new StripeApiError(400, `Checkout session ${sessionId} is ${session.status}`);
    session.status = "complete";
    session.payment_intent = session.payment_intent ?? stripeId("pi");
    if (method === "card") {
      chargeFor(sessionId);
      session.payment_status = "paid";
      return [event("checkout.session.completed", session)];
    }
    session.payment_status = "unpaid";
    const completed = event("checkout.session.completed", session);
    if (method === "async_fail")
      return [completed, event("checkout.session.async_payment_failed", session)];
    chargeFor(sessionId);
    session.payment_status = "paid";
    return [completed, event("checkout.session.async_payment_succeeded", session)];
  }

  async function pay(sessionId: string, method: PayMethod = "card"): Promise<CheckoutSession> {
    await deliverAll(buildPayment(sessionId, method));
    return getSession(sessionId).session;
  }

  async function expire(sessionId: string): Promise<CheckoutSession> {
    const { session } = getSession(sessionId);
    if (session.status !== "open") {
      throw new StripeApiError(
        400,
        `Only Checkout Sessions with a status in ["open"] can be expired.`,
      );
    }
    session.status = "expired";
    session.url = null;
    await deliver(event("checkout.session.expired", session));
    return session;
  }

  function chargeByPaymentIntent(pi: string): Charge {
    const id = chargeByPi.get(pi);
    const charge = id ? charges.get(id) : undefined;
    if (!charge)
      throw new StripeApiError(404, `No charge for payment_intent '${pi}'`, "payment_intent");
    return charge;
  }

  async function refund(params: { paymentIntent: string; amount?: number }): Promise<Refund> {
    const charge = chargeByPaymentIntent(params.paymentIntent);
    const remaining = charge.amount - charge.amount_refunded;
    const amount = params.amount ?? remaining;
    if (!Number.isInteger(amount) || amount <= 0 || amount > remaining) {
      throw new StripeApiError(
        400,
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
        "amount",
      );
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const created: Refund = {
      id: stripeId("re"),
      object: "refund",
      amount,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: null,
      status: "succeeded",
    };
    await deliver(event("charge.refunded", charge));
    return created;
  }

  async function openDispute(params: { paymentIntent: string; amount?: number }): Promise<Dispute> {
    const charge = chargeByPaymentIntent(params.paymentIntent);
    charge.disputed = true;
    const dispute: Dispute = {
      id: stripeId("du"),
      object: "dispute",
      amount: params.amount ?? charge.amount,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: "fraudulent",
      status: "needs_response",
    };
    disputes.set(dispute.id, dispute);
    await deliver(event("charge.dispute.created", dispute));
    return dispute;
  }

  async function closeDispute(disputeId: string, outcome: "won" | "lost"): Promise<Dispute> {
    const dispute = disputes.get(disputeId);
    if (!dispute) throw new StripeApiError(404, `No such dispute: '${disputeId}'`);
    dispute.status = outcome;
    await deliver(event("charge.dispute.closed", dispute));
    return dispute;
  }

  async function completeVerification(
    id: string,
    outcome: "verified" | "failed" | "canceled",
  ): Promise<VerificationSession> {
    const session = verifications.get(id);
    if (!session) throw new StripeApiError(404, `No such verification session: '${id}'`);
    if (outcome === "verified") {
      session.status = "verified";
      session.last_error = null;
      await deliver(event("identity.verification_session.verified", session));
    } else if (outcome === "failed") {
      session.status = "requires_input";
      session.last_error = {
        code: "document_unverified_other",
        reason: "The document could not be verified (test mode).",
      };
      await deliver(event("identity.verification_session.requires_input", session));
    } else {
      session.status = "canceled";
      await deliver(event("identity.verification_session.canceled", session));
    }
    return session;
  }

  function createSession(form: Record<string, FormValue>): CheckoutSession {
    const lineItems = asArray(form.line_items, "line_items");
    if (str(form.mode, "mode") !== "payment")
      throw new StripeApiError(400, "Only mode=payment is supported here", "mode");
    let total = 0;
    let currency = "usd";
    let productName = "Purchase";
    for (const [i, raw] of lineItems.entries()) {
      const item = asObject(raw, `line_items[${i}]`);
      const priceData = asObject(item.price_data, `line_items[${i}][price_data]`);
      const unit = int(priceData.unit_amount, `line_items[${i}][price_data][unit_amount]`);
      const quantity =
        item.quantity === undefined ? 1 : int(item.quantity, `line_items[${i}][quantity]`);
      currency = str(priceData.currency, `line_items[${i}][price_data][currency]`);
      const product =
        priceData.product_data === undefined
          ? undefined
          : asObject(priceData.product_data, "product_data");
      if (product?.name !== undefined) productName = str(product.name, "product_data[name]");
      total += unit * quantity;
    }
    const id = stripeId("cs");
    const created = nowSeconds();
    const piData =
      form.payment_intent_data === undefined
        ? {}
        : asObject(form.payment_intent_data, "payment_intent_data");
    const session: CheckoutSession = {
      id,
      object: "checkout.session",
      amount_subtotal: total,
      amount_total: total,
      cancel_url: optStr(form.cancel_url),
      client_reference_id: optStr(form.client_reference_id),
      created,
      currency,
      customer: null,
      customer_email: optStr(form.customer_email),
      expires_at:
        form.expires_at === undefined ? created + 24 * 3600 : int(form.expires_at, "expires_at"),
      livemode: false,
      metadata: metadata(form.metadata),
      mode: "payment",
      payment_intent: null,
      payment_method_types:
        form.payment_method_types === undefined
          ? ["card"]
          : asArray(form.payment_method_types, "payment_method_types").map((v) =>
              str(v, "payment_method_types"),
            ),
      payment_status: "unpaid",
      status: "open",
      success_url: optStr(form.success_url),
      url: `${baseUrl}/checkout/${id}`,
    };
    sessions.set(id, { session, productName, piMetadata: metadata(piData.metadata) });
    return session;
  }

  function createVerification(form: Record<string, FormValue>): VerificationSession {
    const type = form.type === undefined ? "document" : str(form.type, "type");
    if (type !== "document" && type !== "id_number")
      throw new StripeApiError(400, "Invalid type", "type");
    const id = stripeId("vs");
    const session: VerificationSession = {
      id,
      object: "identity.verification_session",
      client_reference_id: optStr(form.client_reference_id),
      created: nowSeconds(),
      last_error: null,
      livemode: false,
      metadata: metadata(form.metadata),
      return_url: optStr(form.return_url),
      status: "requires_input",
      type,
      url: `${baseUrl}/identity/${id}`,
    };
    verifications.set(id, session);
    return session;
  }

  async function api(
    method: string,
    path: string,
    form: Record<string, FormValue>,
  ): Promise<unknown> {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(form);
    m = method === "GET" ? /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path) : null;
    if (m) return getSession(m[1] as string).session;
    m = method === "POST" ? /^\/v1\/checkout\/sessions\/([\w]+)\/expire$/.exec(path) : null;
    if (m) return expire(m[1] as string);
    if (method === "POST" && path === "/v1/refunds") {
      const pi =
        form.payment_intent === undefined ? undefined : str(form.payment_intent, "payment_intent");
      const chargeId = form.charge === undefined ? undefined : str(form.charge, "charge");
      const paymentIntent = pi ?? (chargeId ? charges.get(chargeId)?.payment_intent : undefined);
      if (!paymentIntent)
        throw new StripeApiError(400, "Must provide payment_intent or charge", "payment_intent");
      return refund({
        paymentIntent,
        ...(form.amount === undefined ? {} : { amount: int(form.amount, "amount") }),
      });
    }
    if (method === "POST" && path === "/v1/identity/verification_sessions")
      return createVerification(form);
    m = method === "GET" ? /^\/v1\/identity\/verification_sessions\/([\w]+)$/.exec(path) : null;
    if (m) {
      const session = verifications.get(m[1] as string);
      if (!session) throw new StripeApiError(404, `No such verification session: '${m[1]}'`);
      return session;
    }
    m =
      method === "POST"
        ? /^\/v1\/identity\/verification_sessions\/([\w]+)\/cancel$/.exec(path)
        : null;
    if (m) return completeVerification(m[1] as string, "canceled");
    throw new StripeApiError(
      404,
      `Unrecognized request URL (${method}: ${path}) in the local Stripe stand-in`,
    );
  }

  async function pageAction(method: string, path: string, res: ServerResponse): Promise<boolean> {
    let m: RegExpExecArray | null;
    m = /^\/checkout\/([\w]+)(?:\/([a-z-]+))?$/.exec(path);
    if (m) {
      const entry = getSession(m[1] as string);
      const action = m[2];
      if (method === "GET" && !action)
        return html(res, 200, checkoutPage(entry.session, entry.productName));
      if (method !== "POST" || !action) return false;
      if (entry.session.status !== "open")
        return html(res, 409, checkoutPage(entry.session, entry.productName));
      if (action === "decline") {
        return html(
          res,
          402,
          checkoutPage(entry.session, entry.productName, "Your card was declined (test mode)."),
        );
      }
      if (action === "cancel") {
        // Locally, cancelling also expires the session so the purchase's limit reservation frees at once.
        await expire(entry.session.id);
        return redirect(res, entry.session.cancel_url, "Checkout cancelled");
      }
      const methods: Record<string, PayMethod> = {
        pay: "card",
        "pay-async": "async",
        "pay-async-fail": "async_fail",
      };
      const payMethod = methods[action];
      if (!payMethod) return false;
      await pay(entry.session.id, payMethod);
      const success =
        entry.session.success_url?.replace("{CHECKOUT_SESSION_ID}", entry.session.id) ?? null;
      return redirect(res, success, "Payment submitted");
    }
    m = /^\/identity\/([\w]+)(?:\/([a-z]+))?$/.exec(path);
    if (m) {
      const session = verifications.get(m[1] as string);
      if (!session) throw new StripeApiError(404, "No such verification session");
      const action = m[2];
      if (method === "GET" && !action) return html(res, 200, identityPage(session));
      const outcomes: Record<string, "verified" | "failed" | "canceled"> = {
        verify: "verified",
        fail: "failed",
        cancel: "canceled",
      };
      const outcome = action ? outcomes[action] : undefined;
      if (method !== "POST" || !outcome) return false;
      await completeVerification(session.id, outcome);
      if (outcome === "failed") return html(res, 200, identityPage(session));
      return redirect(
        res,
        session.return_url,
        outcome === "verified" ? "Identity verified" : "Verification cancelled",
      );
    }
    return false;
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof StripeApiError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) log("stripe-local error", { error: message });
      json(res, status, {
        error: {
          type: status >= 500 ? "api_error" : "invalid_request_error",
          message,
          ...(error instanceof StripeApiError && error.param ? { param: error.param } : {}),
        },
      });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://local");
    const method = req.method ?? "GET";
    const body = method === "POST" ? await readBody(req) : "";
    if (url.pathname.startsWith("/v1/")) {
      const auth = req.headers.authorization ?? "";
      if (!/^Bearer sk_test_\w+$/.test(auth)) {
        throw new StripeApiError(
          401,
          "Invalid API Key provided (the local stand-in takes any sk_test_ key)",
        );
      }
      const idemKey = method === "POST" ? req.headers["idempotency-key"] : undefined;
      const cacheKey = typeof idemKey === "string" ? `${url.pathname}\n${idemKey}` : undefined;
      const cached = cacheKey ? idempotent.get(cacheKey) : undefined;
      if (cached) {
        json(res, cached.status, cached.body);
        return;
      }
      const form = parseStripeForm(method === "GET" ? url.search.slice(1) : body);
      const result = await api(method, url.pathname, form);
      if (cacheKey) idempotent.set(cacheKey, { status: 200, body: result });
      json(res, 200, result);
      return;
    }
    if (await pageAction(method, url.pathname, res)) return;
    json(res, 404, {
      error: { type: "invalid_request_error", message: `No page at ${url.pathname}` },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  baseUrl = `http://${host}:${address.port}`;
  log("local Stripe stand-in listening", { url: baseUrl });

  return {
    url: baseUrl,
    host,
    port: address.port,
    setWebhookUrl(next) {
      webhookUrl = next;
    },
    events,
    webhookAttempts,
    send,
    buildPayment,
    pay,
    expire,
    refund,
    openDispute,
    closeDispute,
    completeVerification,
    session: (id) => sessions.get(id)?.session,
    close: async () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new StripeApiError(413, "Request too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_local_${Date.now()}`,
  });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
  });
  res.end(body);
  return true;
}

function redirect(res: ServerResponse, to: string | null, fallbackTitle: string): true {
  if (!to) return html(res, 200, resultPage(fallbackTitle, "You can close this page."));
  res.writeHead(303, { location: to });
  res.end();
  return true;
}

function str(value: FormValue | undefined, param: string): string {
  if (typeof value !== "string")
    throw new StripeApiError(400, `Missing required param: ${param}.`, param);
  return value;
}

function optStr(value: FormValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function int(value: FormValue | undefined, param: string): number {
  const text = str(value, param);
  if (!/^\d{1,15}$/.test(text)) throw new StripeApiError(400, `Invalid integer: ${text}`, param);
  return Number.parseInt(text, 10);
}

function asArray(value: FormValue | undefined, param: string): FormValue[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new StripeApiError(400, `Missing required param: ${param}.`, param);
  return value;
}

function asObject(value: FormValue | undefined, param: string): Record<string, FormValue> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new StripeApiError(400, `Invalid object: ${param}`, param);
  }
  return value;
}

function metadata(value: FormValue | undefined): Metadata {
  if (value === undefined) return {};
  const obj = asObject(value, "metadata");
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, str(v, `metadata[${k}]`)]));
}
