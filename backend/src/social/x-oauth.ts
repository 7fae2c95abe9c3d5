// X's OAuth 2.0 (Authorization Code with PKCE, S256) through oauth4webapi. X publishes no discovery
// document, so its endpoints are passed explicitly: the consent page (X_AUTHORIZE_URL) and
// `/2/oauth2/token` and `/2/oauth2/revoke` under X_API_URL. Boon is a confidential client (HTTP
// Basic). Plain http is allowed only for the local stand-in outside production.
// https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
import * as oauth from "oauth4webapi";
import type { XConfig } from "./social.config.ts";

export const X_SCOPES = "users.read tweet.read offline.access";

const TIMEOUT_MS = 10_000;

export type XTokens = {
  accessToken: string;
  /** Absent when X did not grant offline.access. */
  refreshToken: string | undefined;
  expiresAt: Date;
  scope: string;
};

/** Why a token request failed: X refused the grant (4xx), or X could not be reached or answered 5xx. */
export class XOAuthError extends Error {
  override readonly name = "XOAuthError";
  readonly kind: "refused" | "unavailable";
  readonly status: number | undefined;
  constructor(kind: "refused" | "unavailable", message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

export type XOAuthClient = {
  /** The consent page URL for a state and PKCE challenge. */
  authorizationUrl(state: string, codeChallenge: string): URL;
  /** Checks the callback's parameters (X's `error`, a missing code) and trades the code. */
  exchangeCode(callback: URLSearchParams, state: string, codeVerifier: string): Promise<XTokens>;
  refresh(refreshToken: string): Promise<XTokens>;
  /** Best effort: ends a token (a refresh token ends its whole chain). */
  revoke(token: string): Promise<void>;
};

export function createXOAuthClient(config: XConfig): XOAuthClient {
  const as: oauth.AuthorizationServer = {
    issuer: config.apiUrl,
    authorization_endpoint: config.authorizeUrl,
    token_endpoint: `${config.apiUrl}/2/oauth2/token`,
    revocation_endpoint: `${config.apiUrl}/2/oauth2/revoke`,
  };
  const client: oauth.Client = { client_id: config.clientId };
  const auth = oauth.ClientSecretBasic(config.clientSecret);
  const options = () => ({
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(config.allowInsecureRequests ? { [oauth.allowInsecureRequests]: true } : {}),
  });

  async function tokens(
    request: () => Promise<Response>,
    process: (r: Response) => Promise<oauth.TokenEndpointResponse>,
  ) {
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      throw new XOAuthError("unavailable", `X's token endpoint did not answer: ${String(error)}`);
    }
    try {
      return toTokens(await process(response));
    } catch (error) {
      // X answers a spent, replayed or unknown code or refresh token with 400 invalid_request (not
      // RFC 6749's invalid_grant): any 4xx is a refusal, a 5xx is X being unwell.
      if (error instanceof oauth.ResponseBodyError && error.status < 500)
        throw new XOAuthError(
          "refused",
          `${error.error}: ${error.error_description ?? ""}`,
          error.status,
        );
      throw new XOAuthError(
        "unavailable",
        `X's token endpoint failed: ${String(error)}`,
        response.status,
      );
    }
  }

  return {
    authorizationUrl(state, codeChallenge) {
      const url = new URL(config.authorizeUrl);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: config.clientId,
        redirect_uri: config.callbackUrl,
        scope: X_SCOPES,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
      }).toString();
      return url;
    },
    exchangeCode(callback, state, codeVerifier) {
      // Throws oauth.AuthorizationResponseError for `error=access_denied` and the like.
      const params = oauth.validateAuthResponse(as, client, callback, state);
      return tokens(
        () =>
          oauth.authorizationCodeGrantRequest(
            as,
            client,
            auth,
            params,
            config.callbackUrl,
            codeVerifier,
            options(),
          ),
        (response) => oauth.processAuthorizationCodeResponse(as, client, response),
      );
    },
    refresh(refreshToken) {
      return tokens(
        () => oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, options()),
        (response) => oauth.processRefreshTokenResponse(as, client, response),
      );
    },
    async revoke(token) {
      const response = await oauth.revocationRequest(as, client, auth, token, options());
      await oauth.processRevocationResponse(response);
    },
  };
}

function toTokens(response: oauth.TokenEndpointResponse): XTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    // X: 7200 s. Without expires_in, assume X's documented two hours.
    expiresAt: new Date(Date.now() + (response.expires_in ?? 7200) * 1000),
    scope: response.scope ?? "",
  };
}
