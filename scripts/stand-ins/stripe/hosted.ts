// The hosted pages' routes: the index page, test-mode checkout (Pay, an async method that succeeds
// or fails, Decline, Cancel) and identity verification (Verify, Fail, Cancel). Each button changes
// the state like the real page would and redirects to the merchant's URL. As on Stripe, "Cancel"
// only returns to `cancel_url`: the session stays open until it expires or the merchant expires it.
import { html, type Reply, redirect, type StandInRequest } from "../http.ts";
import { type PayMethod, paySession } from "./checkout.ts";
import { completeVerification, type VerificationOutcome } from "./identity.ts";
import type { StripeEvent } from "./objects.ts";
import { checkoutPage, identityPage, indexPage, resultPage } from "./pages.ts";
import { requireSession, requireVerification, type StripeState } from "./state.ts";

/** A page's answer and the events its action caused (delivered before the browser moves on). */
export type PageResult = { reply: Reply; events: StripeEvent[] };

const PAY_ACTIONS: Record<string, PayMethod> = {
  pay: "card",
  "pay-async": "async",
  "pay-async-fail": "async_fail",
};

const VERIFY_ACTIONS: Record<string, VerificationOutcome> = {
  verify: "verified",
  fail: "failed",
  cancel: "canceled",
};

const RECENT = 20;

function back(to: string | null, title: string): Reply {
  return to ? redirect(to, 303) : html(200, resultPage(title, "You can close this page."));
}

function checkout(state: StripeState, method: string, id: string, action?: string) {
  const entry = requireSession(state, id);
  const { session, productName } = entry;
  if (method === "GET" && !action)
    return { reply: html(200, checkoutPage(session, productName)), events: [] };
  if (method !== "POST" || !action) return undefined;
  if (session.status !== "open")
    return { reply: html(409, checkoutPage(session, productName)), events: [] };
  if (action === "decline") {
    const message = "Your card was declined (test mode).";
    return { reply: html(402, checkoutPage(session, productName, message)), events: [] };
  }
  if (action === "cancel")
    return { reply: back(session.cancel_url, "Checkout cancelled"), events: [] };
  const payMethod = PAY_ACTIONS[action];
  if (!payMethod) return undefined;
  const events = paySession(state, id, payMethod);
  const success = session.success_url?.replace("{CHECKOUT_SESSION_ID}", id) ?? null;
  return { reply: back(success, "Payment submitted"), events };
}

function identity(state: StripeState, method: string, id: string, action?: string) {
  const session = requireVerification(state, id);
  if (method === "GET" && !action) return { reply: html(200, identityPage(session)), events: [] };
  const outcome = action ? VERIFY_ACTIONS[action] : undefined;
  if (method !== "POST" || !outcome) return undefined;
  const { events } = completeVerification(state, id, outcome);
  if (outcome === "failed") return { reply: html(200, identityPage(session)), events };
  const title = outcome === "verified" ? "Identity verified" : "Verification cancelled";
  return { reply: back(session.return_url, title), events };
}

function index(state: StripeState, webhookUrl: string | undefined): PageResult {
  const newest = <T>(items: Iterable<T>) => [...items].reverse().slice(0, RECENT);
  return {
    reply: html(
      200,
      indexPage({
        url: state.baseUrl,
        webhookUrl,
        sessions: newest(state.sessions.values()),
        verifications: newest(state.verifications.values()),
      }),
    ),
    events: [],
  };
}

/** A hosted page's answer, or undefined when no page has this method and path. */
export function handlePage(
  state: StripeState,
  request: StandInRequest,
  webhookUrl: string | undefined,
): PageResult | undefined {
  const path = request.url.pathname;
  if (path === "/" && request.method === "GET") return index(state, webhookUrl);
  let m = /^\/checkout\/([A-Za-z0-9_]+)(?:\/([a-z-]+))?$/.exec(path);
  if (m) return checkout(state, request.method, m[1] as string, m[2]);
  m = /^\/identity\/([A-Za-z0-9_]+)(?:\/([a-z]+))?$/.exec(path);
  if (m) return identity(state, request.method, m[1] as string, m[2]);
  return undefined;
}
