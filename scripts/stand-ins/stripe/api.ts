// The Stripe API endpoints Boon calls, on Stripe's paths, with its authentication (the secret key
// as a Bearer token), form-encoded parameters, `Idempotency-Key` replay and error bodies
// (https://docs.stripe.com/api/authentication, /api/idempotent_requests, /api/errors):
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST .../:id/expire
//   POST /v1/refunds, GET /v1/charges/:id, GET /v1/disputes/:id
//   POST /v1/identity/verification_sessions, GET .../:id, POST .../:id/cancel
import { createHash } from "node:crypto";
import type { StandInRequest } from "../http.ts";
import { createSession, expireSession } from "./checkout.ts";
import { apiReply, errorReply, StripeApiError } from "./errors.ts";
import { parseStripeForm } from "./form.ts";
import { completeVerification, createVerification } from "./identity.ts";
import type { StripeEvent } from "./objects.ts";
import type { Form } from "./params.ts";
import { createRefund } from "./refunds.ts";
import {
  requireCharge,
  requireDispute,
  requireSession,
  requireVerification,
  type StripeState,
} from "./state.ts";

/** An API answer and the events it caused (delivered in the background, as Stripe does). */
export type ApiResult = { status: number; body: unknown; events: StripeEvent[] };

type Route = {
  method: "GET" | "POST";
  pattern: RegExp;
  run(state: StripeState, id: string, form: Form): { body: unknown; events?: StripeEvent[] };
};

const ID = "([A-Za-z0-9_]+)";
const ROUTES: Route[] = [
  {
    method: "POST",
    pattern: /^\/v1\/checkout\/sessions$/,
    run: (s, _, form) => ({ body: createSession(s, form) }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}$`),
    run: (s, id) => ({ body: requireSession(s, id).session }),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/checkout/sessions/${ID}/expire$`),
    run: (s, id) => ({ events: expireSession(s, id), body: requireSession(s, id).session }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/refunds$/,
    run: (s, _, form) => {
      const { refund, events } = createRefund(s, form);
      return { body: refund, events };
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/charges/${ID}$`),
    run: (s, id) => ({ body: requireCharge(s, id) }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/disputes/${ID}$`),
    run: (s, id) => ({ body: requireDispute(s, id) }),
  },
  {
    method: "POST",
    pattern: /^\/v1\/identity\/verification_sessions$/,
    run: (s, _, form) => ({ body: createVerification(s, form) }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/v1/identity/verification_sessions/${ID}$`),
    run: (s, id) => ({ body: requireVerification(s, id) }),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/v1/identity/verification_sessions/${ID}/cancel$`),
    run: (s, id) => {
      const { session, events } = completeVerification(s, id, "canceled");
      return { body: session, events };
    },
  },
];

function authenticate(state: StripeState, request: StandInRequest): void {
  const header = request.headers.authorization ?? "";
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key) {
    throw new StripeApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key !== state.secretKey)
    throw new StripeApiError(
      401,
      `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}`,
    );
}

function dispatch(state: StripeState, request: StandInRequest): ApiResult {
  const path = request.url.pathname;
  for (const route of ROUTES) {
    const match = route.method === request.method ? route.pattern.exec(path) : null;
    if (!match) continue;
    const form = parseStripeForm(
      request.method === "GET" ? request.url.search.slice(1) : request.body,
    );
    const { body, events = [] } = route.run(state, match[1] ?? "", form);
    // A copy: a stored idempotent answer must not follow later changes to the object.
    return { status: 200, body: structuredClone(body), events };
  }
  throw new StripeApiError(
    404,
    `Unrecognized request URL (${request.method}: ${path}). The local Stripe serves only the endpoints Boon uses.`,
  );
}

/**
 * A POST with an `Idempotency-Key` answers its first successful result again; the same key with
 * other parameters (or another endpoint) is an `idempotency_error`. Failed validations are not
 * stored, so a corrected retry may reuse the key — as Stripe does.
 */
function idempotent(state: StripeState, request: StandInRequest): ApiResult {
  const key = request.headers["idempotency-key"];
  if (request.method !== "POST" || typeof key !== "string") return dispatch(state, request);
  const paramsHash = createHash("sha256")
    .update(`${request.url.pathname}\n${request.body}`)
    .digest("hex");
  const stored = state.idempotent.get(key);
  if (stored && stored.paramsHash !== paramsHash) {
    throw new StripeApiError(
      400,
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      { type: "idempotency_error" },
    );
  }
  if (stored) return { status: stored.status, body: stored.body, events: [] };
  const result = dispatch(state, request);
  state.idempotent.set(key, { paramsHash, status: result.status, body: result.body });
  return result;
}

/** Answers one API request; errors become Stripe's error body. */
export function handleApi(
  state: StripeState,
  request: StandInRequest,
): { reply: ReturnType<typeof apiReply>; events: StripeEvent[] } {
  try {
    authenticate(state, request);
    const result = idempotent(state, request);
    return { reply: apiReply(result.status, result.body), events: result.events };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    return { reply: errorReply(error), events: [] };
  }
}
