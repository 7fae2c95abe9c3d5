// The local X's HTML: the consent page ("<app> wants to access your X account") and an error page.
// Plain forms and buttons, so a browser test (or a script posting the form) drives them.
import { escapeHtml } from "../http.ts";
import type { AuthorizeRequest } from "./authorize.ts";
import type { XAccount } from "./state.ts";

/** The request parameters the form carries back, unchanged, to `POST /i/oauth2/authorize`. */
export const AUTHORIZE_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

const SCOPE_TEXT: Record<string, string> = {
  "tweet.read": "Posts you can view, including posts from protected accounts.",
  "users.read": "Any account you can view, including protected accounts.",
  "offline.access": "Stay connected to your account until you revoke access.",
};

const style = `body{font:16px system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#0f1419}
.badge{display:inline-block;background:#ffd400;color:#000;border-radius:4px;padding:2px 8px;font-size:12px}
fieldset{border:1px solid #cfd9de;border-radius:12px;padding:.5rem 1rem}label{display:block;padding:.4rem 0}
button{font:inherit;font-weight:700;margin:.5rem .5rem 0 0;padding:.6rem 1.2rem;border-radius:999px;border:1px solid #cfd9de;background:#fff;cursor:pointer}
button.primary{background:#0f1419;color:#fff;border-color:#0f1419}.note{color:#536471;font-size:14px}.error{color:#b00020}
ul{padding-left:1.2rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head><body>
<p><span class="badge">LOCAL X</span> A stand-in for X, for development and tests</p>${body}</body></html>`;
}

function accountChoice(account: XAccount, checked: boolean): string {
  return `<label><input type="radio" name="account" value="${escapeHtml(account.id)}" data-username="${escapeHtml(account.username)}"${checked ? " checked" : ""} required> ${escapeHtml(account.name)} <span class="note">@${escapeHtml(account.username)}</span></label>`;
}

export function authorizePage(
  request: AuthorizeRequest,
  params: URLSearchParams,
  accounts: XAccount[],
  selectedId: string | undefined,
  message?: string,
): string {
  const hidden = AUTHORIZE_PARAMS.map(
    (name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`,
  ).join("");
  const choices = accounts.map((a) => accountChoice(a, a.id === selectedId)).join("");
  const scopes = request.scopes.map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)}</li>`).join("");
  return page(
    `Authorize ${request.client.name}`,
    `<h1>${escapeHtml(request.client.name)} wants to access your X account.</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}
<form method="post" action="/i/oauth2/authorize">${hidden}
<fieldset><legend>Sign in as</legend>${choices || '<p class="note">No test accounts.</p>'}</fieldset>
<p>This app will be able to view:</p><ul>${scopes}</ul>
<button class="primary" type="submit" name="decision" value="approve">Authorize app</button><button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
</form><p class="note">Redirects to ${escapeHtml(request.redirectUri)}</p>`,
  );
}

export function errorPage(reason: string): string {
  return page(
    "Something went wrong",
    `<h1>Something went wrong</h1><p class="error" role="alert">${escapeHtml(reason)}</p>
<p class="note">The app sent an authorization request the local X cannot accept.</p>`,
  );
}
