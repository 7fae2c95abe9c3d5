import type { CheckoutSession, VerificationSession } from "./objects.ts";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}
.badge{display:inline-block;background:#ffb020;color:#000;border-radius:4px;padding:2px 8px;font-size:12px}
form{display:inline}button{font:inherit;margin:.25rem;padding:.6rem 1rem;border-radius:6px;border:1px solid #888;cursor:pointer}
button.primary{background:#635bff;color:#fff;border-color:#635bff}.note{color:#555;font-size:14px}.error{color:#b00020}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

function button(action: string, label: string, primary = false): string {
  return `<form method="post" action="${escapeHtml(action)}"><button${primary ? ' class="primary"' : ""} type="submit">${escapeHtml(label)}</button></form>`;
}

export function checkoutPage(
  session: CheckoutSession,
  productName: string,
  message?: string,
): string {
  const amount = `${(BigInt(session.amount_total) / 100n).toString()}.${(BigInt(session.amount_total) % 100n).toString().padStart(2, "0")} ${session.currency.toUpperCase()}`;
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
  return page(
    "Boon test checkout",
    `<p><span class="badge">TEST MODE</span> Local Stripe stand-in</p>
<h1>${escapeHtml(productName)}</h1><p>Total: <strong>${escapeHtml(amount)}</strong></p>
${message ? `<p class="error">${escapeHtml(message)}</p>` : ""}${actions}
<p class="note">No real card is charged. Each button sends the webhooks Stripe would send, signed with the configured secret.</p>`,
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
<h1>Verify your identity</h1>${session.last_error ? `<p class="error">${escapeHtml(session.last_error.reason)}</p>` : ""}${actions}`,
  );
}

export function resultPage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
