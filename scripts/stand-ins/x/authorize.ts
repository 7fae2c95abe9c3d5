// X's authorize step (https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token,
// "Step 2: GET oauth2/authorize"): `GET /i/oauth2/authorize` shows the consent page; its form
// posts back to the same path with the request's parameters plus the chosen account and the
// decision. Every parameter is checked again on the post, so the page holds no server state.
// Stricter than X on one point, on purpose: only `code_challenge_method=S256` is accepted.
import { html, type Reply, redirect, type StandInRequest } from "../http.ts";
import { newToken } from "./oauth.ts";
import { authorizePage, errorPage } from "./pages.ts";
import type { XAccount, XClient, XState } from "./state.ts";

/** How long an authorization code can be traded for tokens (X documents 30 seconds). */
export const AUTHORIZATION_CODE_SECONDS = 30;

/** Every scope X's OAuth 2.0 knows (https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code). */
export const X_SCOPES = new Set([
  "tweet.read",
  "tweet.write",
  "tweet.moderate.write",
  "users.email",
  "users.read",
  "follows.read",
  "follows.write",
  "offline.access",
  "space.read",
  "mute.read",
  "mute.write",
  "like.read",
  "like.write",
  "list.read",
  "list.write",
  "block.read",
  "block.write",
  "bookmark.read",
  "bookmark.write",
  "media.write",
  "dm.read",
  "dm.write",
]);

export type AuthorizeRequest = {
  client: XClient;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
};

type Checked = { request: AuthorizeRequest } | { reply: Reply };

/** Client and callback first: when either is wrong, nothing may be sent to the callback. */
function check(state: XState, params: URLSearchParams): Checked {
  const client = state.clients.get(params.get("client_id") ?? "");
  if (!client)
    return {
      reply: html(400, errorPage("This app is not registered with X (unknown client_id).")),
    };
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!client.redirectUris.includes(redirectUri))
    return {
      reply: html(400, errorPage(`The redirect_uri is not one of ${client.name}'s callback URLs.`)),
    };
  const fail = (error: string, description: string) => ({
    reply: redirect(
      callback(redirectUri, { error, error_description: description, state: params.get("state") }),
    ),
  });
  if (params.get("response_type") !== "code")
    return fail("unsupported_response_type", "response_type must be code");
  const scopes = [...new Set((params.get("scope") ?? "").split(" ").filter(Boolean))];
  if (scopes.length === 0) return fail("invalid_request", "Missing required parameter [scope].");
  const unknown = scopes.find((s) => !X_SCOPES.has(s));
  if (unknown) return fail("invalid_scope", `Unknown scope [${unknown}].`);
  const stateParam = params.get("state") ?? "";
  if (!stateParam) return fail("invalid_request", "Missing required parameter [state].");
  if (stateParam.length > 500)
    return fail("invalid_request", "state is longer than 500 characters.");
  if (params.get("code_challenge_method") !== "S256")
    return fail("invalid_request", "code_challenge_method must be S256 (plain is refused here).");
  const codeChallenge = params.get("code_challenge") ?? "";
  if (!/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
    return fail("invalid_request", "code_challenge must be the base64url SHA-256 of the verifier.");
  return { request: { client, redirectUri, scopes, state: stateParam, codeChallenge } };
}

function callback(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

function signInChoices(state: XState): XAccount[] {
  return [...state.accounts.values()].filter((account) => !account.suspended);
}

/** `GET /i/oauth2/authorize`: the consent page listing the test accounts one can sign in as. */
export function showAuthorize(state: XState, request: StandInRequest): Reply {
  const checked = check(state, request.url.searchParams);
  if ("reply" in checked) return checked.reply;
  return html(
    200,
    authorizePage(
      checked.request,
      request.url.searchParams,
      signInChoices(state),
      state.selectedAccountId,
    ),
  );
}

/** `POST /i/oauth2/authorize`: the page's form. Approve issues a code; cancel says access_denied. */
export function decideAuthorize(state: XState, request: StandInRequest): Reply {
  const form = new URLSearchParams(request.body);
  const checked = check(state, form);
  if ("reply" in checked) return checked.reply;
  const { client, redirectUri, scopes, codeChallenge } = checked.request;
  if (form.get("decision") === "cancel")
    return redirect(
      callback(redirectUri, { error: "access_denied", state: checked.request.state }),
    );
  const account = state.accounts.get(form.get("account") ?? "");
  if (form.get("decision") !== "approve" || !account || account.suspended) {
    const page = authorizePage(
      checked.request,
      form,
      signInChoices(state),
      state.selectedAccountId,
      "Choose an account to sign in with.",
    );
    return html(400, page);
  }
  const code = newToken(state, "ac");
  state.codes.set(code, {
    code,
    clientId: client.clientId,
    userId: account.id,
    scopes,
    redirectUri,
    codeChallenge,
    expiresAt: state.clock.now() + AUTHORIZATION_CODE_SECONDS * 1000,
    used: false,
  });
  return redirect(callback(redirectUri, { state: checked.request.state, code }));
}
