// X's OAuth 2.0 token and revocation endpoints
// (https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token):
// `POST /2/oauth2/token` and `POST /2/oauth2/revoke`, form-encoded. A confidential client
// authenticates with HTTP Basic (client id and secret, form-url-encoded then base64, RFC 6749
// §2.3.1); a public client sends `client_id` in the body. Errors use X's OAuth shape,
// `{"error","error_description"}`; note that X answers `invalid_request` (not RFC 6749's
// `invalid_grant`) for a spent, replayed or unknown code or refresh token.
import { createHash, randomBytes } from "node:crypto";
import { decodeOrKeep, json, type Reply, type StandInRequest } from "../http.ts";
import type { Grant, IssuedToken, XClient, XState } from "./state.ts";

/** X: "the access token … will only stay valid for two hours". */
export const ACCESS_TOKEN_SECONDS = 7200;

function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description }, { "cache-control": "no-store" });
}

const invalidClient = () =>
  oauthError(401, "unauthorized_client", "Missing valid authorization header");
const missing = (name: string) =>
  oauthError(400, "invalid_request", `Missing required parameter [${name}].`);
const invalidValue = (what: string) =>
  oauthError(400, "invalid_request", `Value passed for the ${what} was invalid.`);

/** X's token look: base64 of `random:issued-ms:1:n:kind:1` (kind `ac`, `at` or `rt`). */
export function newToken(state: XState, kind: "ac" | "at" | "rt"): string {
  const random = randomBytes(24).toString("base64url");
  const tail = kind === "at" ? "1:0:at:1" : `1:1:${kind}:1`;
  return Buffer.from(`${random}:${state.clock.now()}:${tail}`).toString("base64url");
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Parses the form body; a repeated parameter is refused as RFC 6749 §3.2 requires. */
function readForm(request: StandInRequest): Map<string, string> | Reply {
  const type = request.headers["content-type"] ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
    return oauthError(
      400,
      "invalid_request",
      "Content-Type must be application/x-www-form-urlencoded.",
    );
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(request.body)) {
    if (form.has(key)) return oauthError(400, "invalid_request", `Repeated parameter [${key}].`);
    form.set(key, value);
  }
  return form;
}

/** HTTP Basic for a confidential client, `client_id` in the body for a public one. */
function authenticateClient(
  state: XState,
  request: StandInRequest,
  form: Map<string, string>,
): XClient | Reply {
  const header = request.headers.authorization ?? "";
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return invalidClient();
    const unform = (s: string) => decodeOrKeep(s.replace(/\+/g, " "));
    const client = state.clients.get(unform(decoded.slice(0, colon)));
    if (!client?.clientSecret || client.clientSecret !== unform(decoded.slice(colon + 1)))
      return invalidClient();
    const bodyId = form.get("client_id");
    return bodyId === undefined || bodyId === client.clientId ? client : invalidClient();
  }
  if (header) return invalidClient();
  const client = state.clients.get(form.get("client_id") ?? "");
  // A confidential client must prove its secret; a public one has none to prove.
  return client && client.clientSecret === undefined ? client : invalidClient();
}

/** The posted form and the client it authenticates, or the error that answers the request. */
function clientForm(
  state: XState,
  request: StandInRequest,
): { form: Map<string, string>; client: XClient } | Reply {
  const form = readForm(request);
  if (!(form instanceof Map)) return form;
  const client = authenticateClient(state, request, form);
  return "status" in client ? client : { form, client };
}

/** `POST /2/oauth2/token`: authorization_code and refresh_token grants. */
export function tokenEndpoint(state: XState, request: StandInRequest): Reply {
  const posted = clientForm(state, request);
  if ("status" in posted) return posted;
  const { form, client } = posted;
  const grantType = form.get("grant_type");
  if (grantType === undefined) return missing("grant_type");
  if (grantType === "authorization_code") return exchangeCode(state, client, form);
  if (grantType === "refresh_token") return refresh(state, client, form);
  return invalidValue("grant type");
}

function exchangeCode(state: XState, client: XClient, form: Map<string, string>): Reply {
  for (const name of ["code", "redirect_uri", "code_verifier"])
    if (!form.get(name)) return missing(name);
  const code = state.codes.get(form.get("code") as string);
  if (!code || code.clientId !== client.clientId || code.expiresAt <= state.clock.now())
    return invalidValue("authorization code");
  if (code.used) {
    // A replayed code may be stolen: end everything it was traded for (RFC 6749 §4.1.2).
    revokeFamily(state, code.code);
    return invalidValue("authorization code");
  }
  if (code.redirectUri !== form.get("redirect_uri")) return invalidValue("redirect uri");
  const verifier = form.get("code_verifier") as string;
  // RFC 7636 §4.1: 43-128 unreserved characters, whose S256 is the challenge.
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== code.codeChallenge)
    return invalidValue("code verifier");
  code.used = true;
  return issue(state, code, code.code);
}

function refresh(state: XState, client: XClient, form: Map<string, string>): Reply {
  const presented = form.get("refresh_token");
  if (!presented) return missing("refresh_token");
  const token = state.tokens.get(presented);
  // Checked and spent in one synchronous step: of two concurrent refreshes exactly one wins.
  if (
    token?.kind !== "refresh_token" ||
    token.clientId !== client.clientId ||
    token.used ||
    token.revoked
  )
    return invalidValue("token");
  token.used = true;
  return issue(state, token, token.family);
}

/** Issues an access token (2 h) and, when offline.access was granted, a single-use refresh token. */
function issue(state: XState, grant: Grant, family: string): Reply {
  const now = state.clock.now();
  const base = {
    clientId: grant.clientId,
    userId: grant.userId,
    scopes: [...grant.scopes],
    family,
  };
  const access: IssuedToken = {
    ...base,
    kind: "access_token",
    token: newToken(state, "at"),
    issuedAt: now,
    expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
    used: false,
    revoked: false,
  };
  state.tokens.set(access.token, access);
  const body: Record<string, unknown> = {
    token_type: "bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    access_token: access.token,
    scope: grant.scopes.join(" "),
  };
  if (grant.scopes.includes("offline.access")) {
    const refreshToken: IssuedToken = {
      ...base,
      kind: "refresh_token",
      token: newToken(state, "rt"),
      issuedAt: now,
      used: false,
      revoked: false,
    };
    state.tokens.set(refreshToken.token, refreshToken);
    body.refresh_token = refreshToken.token;
  }
  return json(200, body, { "cache-control": "no-store", pragma: "no-cache" });
}

function revokeFamily(state: XState, family: string): void {
  for (const token of state.tokens.values()) if (token.family === family) token.revoked = true;
}

/**
 * `POST /2/oauth2/revoke` (RFC 7009): `token` (+ optional `token_type_hint`). Revoking a refresh
 * token ends its whole chain; revoking an access token ends that token. Unknown tokens are
 * answered the same way, so the endpoint reveals nothing. X answers `{"revoked":true}`.
 */
export function revokeEndpoint(state: XState, request: StandInRequest): Reply {
  const posted = clientForm(state, request);
  if ("status" in posted) return posted;
  const { form, client } = posted;
  const presented = form.get("token");
  if (!presented) return missing("token");
  const token = state.tokens.get(presented);
  if (token && token.clientId === client.clientId) {
    if (token.kind === "refresh_token") revokeFamily(state, token.family);
    else token.revoked = true;
  }
  return json(200, { revoked: true });
}
