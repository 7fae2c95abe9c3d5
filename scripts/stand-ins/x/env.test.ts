// Through the package entry point, as the backend and `npm start` import it.
import {
  completeAuthorization,
  startXStandIn,
  X_DEV_ACCOUNTS,
  X_DEV_CLIENT,
  X_PRODUCTION_URLS,
  type XStandIn,
  xStandInEnv,
} from "@boon/scripts/stand-ins";
import * as oauth from "oauth4webapi";
import { afterEach, expect, it } from "vitest";

let x: XStandIn | undefined;
afterEach(() => x?.stop());

it("needs nothing but the X_* keys: base URLs and the dev credentials reach every endpoint", async () => {
  const callback = "http://127.0.0.1:4000/v1/auth/x/callback";
  x = await startXStandIn({ clients: [{ ...X_DEV_CLIENT, redirectUris: [callback] }] });
  const env = xStandInEnv(x);
  expect(Object.keys(env).sort()).toEqual(
    ["X_API_URL", "X_AUTHORIZE_URL", "X_BEARER_TOKEN", "X_CLIENT_ID", "X_CLIENT_SECRET"].sort(),
  );
  // Real X differs only in these two URLs (and real credentials).
  expect(new URL(X_PRODUCTION_URLS.X_AUTHORIZE_URL).pathname).toBe(
    new URL(env.X_AUTHORIZE_URL).pathname,
  );

  const as: oauth.AuthorizationServer = {
    issuer: env.X_API_URL,
    authorization_endpoint: env.X_AUTHORIZE_URL,
    token_endpoint: `${env.X_API_URL}/2/oauth2/token`,
  };
  const client = { client_id: env.X_CLIENT_ID };
  const verifier = oauth.generateRandomCodeVerifier();
  const authorize = new URL(env.X_AUTHORIZE_URL);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: env.X_CLIENT_ID,
    redirect_uri: callback,
    scope: "users.read tweet.read offline.access",
    state: "s-1",
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  }).toString();
  const returned = await completeAuthorization(authorize, { account: "@carol" });
  const params = oauth.validateAuthResponse(as, client, returned, "s-1");
  const options = { [oauth.allowInsecureRequests]: true };
  const auth = oauth.ClientSecretBasic(env.X_CLIENT_SECRET);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    callback,
    verifier,
    options,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);

  const me = await fetch(`${env.X_API_URL}/2/users/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(await me.json()).toEqual({
    data: { id: X_DEV_ACCOUNTS.carol.id, name: "Carol", username: "carol" },
  });
  const lookup = await fetch(`${env.X_API_URL}/2/users/by/username/carol`, {
    headers: { authorization: `Bearer ${env.X_BEARER_TOKEN}` },
  });
  expect(((await lookup.json()) as { data: { id: string } }).data.id).toBe(X_DEV_ACCOUNTS.carol.id);
});
