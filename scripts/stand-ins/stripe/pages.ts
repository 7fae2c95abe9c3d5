// The local Stripe's HTML: its index page, the test-mode hosted checkout and identity pages, and a
// result page. Plain forms and buttons, so a browser test clicks them and a script posts them.
import { escapeHtml } from "../http.ts";
import type { CheckoutSession, VerificationSession } from "./objects.ts";
import type { SessionEntry } from "./state.ts";

const style = `body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}
.badge{display:inline-block;background:#ffb020;color:#000;border-radius:4px;padding:2px 8px;font-size:12px}
form{display:inline}button{font:inherit;margin:.25rem;padding:.6rem 1rem;border-radius:6px;border:1px solid #888;cursor:pointer}
button.primary{background:#635bff;color:#fff;border-color:#635bff}.note{color:#555;font-size:14px}.error{color:#b00020}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
code{background:#f3f3f7;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

function button(action: string, label: string, primary = false): string {
  return `<form method="post" action="${escapeHtml(action)}"><button${primary ? ' class="primary"' : ""} type="submit">${escapeHtml(label)}</button></form>`;
}

export function formatAmount(cents: number, currency: string): string {
  const whole = BigInt(cents) / 100n;
  const rest = (BigInt(cents) % 100n).toString().padStart(2, "0");
  return `${whole}.${rest} ${currency.toUpperCase()}`;
}

export function checkoutPage(
  session: CheckoutSession,
  productName: string,
  message?: string,
): string {
  const base = `/checkout/${encodeURIComponent(session.id)}`;
  const actions =
    session.status === "open"
      ? [
          button(`${base}/pay`, "Pay", true),
          button(`${base}/pay-async`, "Pay with async method"),
          button(`${base}/pay-async-fail`, "Async method that fails"),
          button(`${base}/decline`, "Decline"),
          button(`${base}/cancel`, "Cancel"),
        ].join("")
      : `<p>This checkout session is <strong>${escapeHtml(session.status)}</strong>.</p>`;
  const expires = new Date(session.expires_at * 1000).toISOString();
  return page(
    "Boon test checkout",
    `<p><span class="badge">TEST MODE</span> Local Stripe stand-in</p>
<h1>${escapeHtml(productName)}</h1><p>Total: <strong>${escapeHtml(formatAmount(session.amount_total, session.currency))}</strong></p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}${actions}
<p class="note">No real card is charged. Each button sends the webhooks Stripe would send, signed with the configured secret. "Cancel" returns to the merchant's cancel page; the session stays open until it expires (${escapeHtml(expires)}) or the merchant expires it.</p>`,
  );
}

export function identityPage(session: VerificationSession): string {
  const base = `/identity/${encodeURIComponent(session.id)}`;
  const actions =
    session.status === "requires_input" || session.status === "processing"
      ? [
          button(`${base}/verify`, "Verify identity", true),
          button(`${base}/fail`, "Fail verification"),
          button(`${base}/cancel`, "Cancel"),
        ].join("")
      : `<p>This verification is <strong>${escapeHtml(session.status)}</strong>.</p>`;
  return page(
    "Boon test identity verification",
    `<p><span class="badge">TEST MODE</span> Local Stripe Identity stand-in</p>
<h1>Verify your identity</h1>${session.last_error ? `<p class="error" role="alert">${escapeHtml(session.last_error.reason)}</p>` : ""}${actions}`,
  );
}

export function resultPage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}

export function notFoundPage(path: string): string {
  return page(
    "Not found",
    `<h1>Not found</h1><p>The local Stripe has no page at <code>${escapeHtml(path)}</code>. <a href="/">Start here</a>.</p>`,
  );
}

function sessionRow({ session, productName }: SessionEntry): string {
  const link =
    session.status === "open"
      ? `<a href="/checkout/${encodeURIComponent(session.id)}">${escapeHtml(session.id)}</a>`
      : escapeHtml(session.id);
  return `<tr><td>${link}</td><td>${escapeHtml(productName)}</td><td>${escapeHtml(formatAmount(session.amount_total, session.currency))}</td><td>${escapeHtml(session.status)}${session.payment_status === "paid" ? " (paid)" : ""}</td></tr>`;
}

function verificationRow(session: VerificationSession): string {
  const link = session.url
    ? `<a href="/identity/${encodeURIComponent(session.id)}">${escapeHtml(session.id)}</a>`
    : escapeHtml(session.id);
  return `<tr><td>${link}</td><td>${escapeHtml(session.status)}</td></tr>`;
}

export type IndexInfo = {
  url: string;
  webhookUrl: string | undefined;
  sessions: SessionEntry[];
  verifications: VerificationSession[];
};

/** `GET /`: what this is, how Boon reaches it, and the latest sessions with their hosted pages. */
export function indexPage(info: IndexInfo): string {
  const sessions = info.sessions.map(sessionRow).join("");
  const verifications = info.verifications.map(verificationRow).join("");
  return page(
    "Local Stripe",
    `<p><span class="badge">TEST MODE</span> A stand-in for Stripe, for development and tests</p>
<h1>Local Stripe</h1>
<p>Serves the Stripe API endpoints Boon uses at <code>${escapeHtml(info.url)}/v1/…</code> (Checkout Sessions, refunds, charges, disputes, Identity verification sessions) and their test-mode hosted pages. Nothing here moves real money.</p>
<p>Webhooks go to <code>${escapeHtml(info.webhookUrl ?? "(no endpoint set)")}</code>, signed like Stripe's.</p>
<h2>Recent checkout sessions</h2>
${sessions ? `<table><tr><th>session</th><th>product</th><th>total</th><th>status</th></tr>${sessions}</table>` : `<p class="note">None yet: start a purchase on Boon's Buy page.</p>`}
<h2>Recent identity verifications</h2>
${verifications ? `<table><tr><th>session</th><th>status</th></tr>${verifications}</table>` : `<p class="note">None yet.</p>`}`,
  );
}
