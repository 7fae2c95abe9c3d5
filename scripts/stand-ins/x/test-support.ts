// Drives the local X the way Boon will: through oauth4webapi, X's endpoints passed explicitly
// (X publishes no discovery document), plain http allowed only because this is the stand-in.
import * as oauth from "oauth4webapi";
import { type ConsentOptions, completeAuthorization } from "./consent.ts";
import type { XStandIn } from "./server.ts";

export const REDIRECT_URI = "http://127.0.0.1:4000/v1/auth/x/callback";
export const CONFIDENTIAL = { clientId: "confidential-app", clientSecret: "s3cret:with/odd+chars" };
export const PUBLIC_CLIENT_ID = "public-app";
export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export function registerTestClients(x: XStandIn): void {
  x.registerClient({ ...CONFIDENTIAL, redirectUris: [REDIRECT_URI], name: "Boon test" });
  x.registerClient({ clientId: PUBLIC_CLIENT_ID, redirectUris: [REDIRECT_URI] });
}

export type OAuthApp = {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
};

export function confidentialApp(x: XStandIn, secret = CONFIDENTIAL.clientSecret): OAuthApp {
  return {
    as: authorizationServer(x),
    client: { client_id: CONFIDENTIAL.clientId },
    auth: oauth.ClientSecretBasic(secret),
  };
}

export function publicApp(x: XStandIn): OAuthApp {
  return {
    as: authorizationServer(x),
    client: { client_id: PUBLIC_CLIENT_ID },
    auth: oauth.None(),
  };
}

function authorizationServer(x: XStandIn): oauth.AuthorizationServer {
  return {
    issuer: x.url,
    authorization_endpoint: x.authorizeUrl,
    token_endpoint: x.tokenUrl,
    revocation_endpoint: x.revokeUrl,
  };
}

export type Authorization = {
  url: URL;
  verifier: string;
  state: string;
};

export async function authorizationRequest(
  app: OAuthApp,
  overrides: Record<string, string> = {},
): Promise<Authorization> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(app.as.authorization_endpoint as string);
  const params = {
    response_type: "code",
    client_id: app.client.client_id,
    redirect_uri: REDIRECT_URI,
    scope: "users.read tweet.read offline.access",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...overrides,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url, verifier, state };
}

/** Consent on the page (as a browser would), then the callback's parameters, validated. */
export async function authorize(
  app: OAuthApp,
  consent: ConsentOptions = { account: "alice" },
  overrides: Record<string, string> = {},
) {
  const request = await authorizationRequest(app, overrides);
  const callback = await completeAuthorization(request.url, consent);
  const params = oauth.validateAuthResponse(app.as, app.client, callback, request.state);
  return { ...request, params };
}

export function exchange(
  app: OAuthApp,
  params: URLSearchParams,
  verifier: string,
  redirectUri = REDIRECT_URI,
) {
  return oauth
    .authorizationCodeGrantRequest(
      app.as,
      app.client,
      app.auth,
      params,
      redirectUri,
      verifier,
      insecure,
    )
    .then((response) => oauth.processAuthorizationCodeResponse(app.as, app.client, response));
}

export function refresh(app: OAuthApp, refreshToken: string) {
  return oauth
    .refreshTokenGrantRequest(app.as, app.client, app.auth, refreshToken, insecure)
    .then((response) => oauth.processRefreshTokenResponse(app.as, app.client, response));
}

/** Full sign-in: consent as `account`, trade the code. */
export async function signIn(app: OAuthApp, account = "alice", scope?: string) {
  const { params, verifier } = await authorize(app, { account }, scope ? { scope } : {});
  return exchange(app, params, verifier);
}

/** The OAuth error a refused token request carried (status, error, description). */
export async function refusal(pending: Promise<unknown>) {
  try {
    await pending;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError)
      return { status: error.status, error: error.error, description: error.error_description };
    throw error;
  }
  throw new Error("expected the token endpoint to refuse");
}

/** X API v2 answers: `data` and `includes`, or `errors`, or a problem document. */
export type XBody = {
  data?: Record<string, unknown>;
  includes?: { users?: Record<string, unknown>[] };
  errors?: Record<string, unknown>[];
  [key: string]: unknown;
};

/** A GET on the X API with a bearer token, as oauth4webapi sends it. */
export async function get(x: XStandIn, token: string, path: string) {
  const response = await oauth.protectedResourceRequest(
    token,
    "GET",
    new URL(path, x.url),
    undefined,
    null,
    insecure,
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as XBody,
  };
}
