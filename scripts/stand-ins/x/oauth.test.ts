import * as oauth from "oauth4webapi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { completeAuthorization } from "./consent.ts";
import { X_DEV_ACCOUNTS } from "./defaults.ts";
import { startXStandIn, type XStandIn } from "./server.ts";
import {
  authorizationRequest,
  authorize,
  confidentialApp,
  exchange,
  get,
  insecure,
  publicApp,
  REDIRECT_URI,
  refresh,
  refusal,
  registerTestClients,
  signIn,
} from "./test-support.ts";

let x: XStandIn;
beforeEach(async () => {
  x = await startXStandIn();
  registerTestClients(x);
});
afterEach(() => x.stop());

const spentToken = {
  status: 400,
  error: "invalid_request",
  description: "Value passed for the token was invalid.",
};
const badCode = {
  status: 400,
  error: "invalid_request",
  description: "Value passed for the authorization code was invalid.",
};

describe("authorization code with PKCE", () => {
  it("signs a confidential client in through the consent page with X's token response", async () => {
    const app = confidentialApp(x);
    const tokens = await signIn(app, "alice");
    expect(tokens).toMatchObject({
      token_type: "bearer",
      expires_in: 7200,
      scope: "users.read tweet.read offline.access",
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.refresh_token).not.toBe(tokens.access_token);
    const me = await get(x, tokens.access_token, "/2/users/me");
    expect(me.body).toEqual({ data: { ...X_DEV_ACCOUNTS.alice } });
    expect(x.tokens().map((t) => [t.kind, t.userId, t.clientId])).toEqual([
      ["access_token", X_DEV_ACCOUNTS.alice.id, "confidential-app"],
      ["refresh_token", X_DEV_ACCOUNTS.alice.id, "confidential-app"],
    ]);
  });

  it("lets a public client name itself with client_id in the body", async () => {
    const tokens = await signIn(publicApp(x), "bob");
    const me = await get(x, tokens.access_token, "/2/users/me");
    expect(me.body.data?.username).toBe("bob");
  });

  it("issues no refresh token without offline.access", async () => {
    const tokens = await signIn(confidentialApp(x), "alice", "users.read tweet.read");
    expect(tokens.scope).toBe("users.read tweet.read");
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("refuses a wrong code verifier, and the code still trades with the right one", async () => {
    const app = confidentialApp(x);
    const { params, verifier } = await authorize(app);
    const wrong = oauth.generateRandomCodeVerifier();
    expect(await refusal(exchange(app, params, wrong))).toEqual({
      status: 400,
      error: "invalid_request",
      description: "Value passed for the code verifier was invalid.",
    });
    expect((await exchange(app, params, verifier)).access_token).toEqual(expect.any(String));
  });

  it("refuses a redirect_uri other than the one the code was issued for", async () => {
    const app = confidentialApp(x);
    const { params, verifier } = await authorize(app);
    const other = "http://127.0.0.1:4000/elsewhere";
    expect(await refusal(exchange(app, params, verifier, other))).toMatchObject({
      status: 400,
      description: "Value passed for the redirect uri was invalid.",
    });
  });

  it("makes a code single-use: a replay is refused and revokes what the code bought", async () => {
    const app = confidentialApp(x);
    const { params, verifier } = await authorize(app);
    const tokens = await exchange(app, params, verifier);
    expect(await refusal(exchange(app, params, verifier))).toEqual(badCode);
    expect((await get(x, tokens.access_token, "/2/users/me")).status).toBe(401);
    expect(await refusal(refresh(app, tokens.refresh_token as string))).toEqual(spentToken);
  });

  it("expires a code 30 seconds after it is issued", async () => {
    const app = confidentialApp(x);
    const { params, verifier } = await authorize(app);
    x.advanceClock(30);
    expect(await refusal(exchange(app, params, verifier))).toEqual(badCode);
  });

  it("binds a code to the client it was issued to", async () => {
    const { params, verifier } = await authorize(publicApp(x));
    expect(await refusal(exchange(confidentialApp(x), params, verifier))).toEqual(badCode);
  });

  it("refuses a confidential client without HTTP Basic or with a wrong secret", async () => {
    const { params, verifier } = await authorize(confidentialApp(x));
    const unauthorized = {
      status: 401,
      error: "unauthorized_client",
      description: "Missing valid authorization header",
    };
    const noBasic = { ...confidentialApp(x), auth: oauth.None() };
    expect(await refusal(exchange(noBasic, params, verifier))).toEqual(unauthorized);
    const wrongSecret = confidentialApp(x, "not-the-secret");
    expect(await refusal(exchange(wrongSecret, params, verifier))).toEqual(unauthorized);
    // Neither attempt spent the code.
    expect((await exchange(confidentialApp(x), params, verifier)).token_type).toBe("bearer");
  });
});

describe("refresh tokens: single-use and rotating", () => {
  it("rotates on refresh; the spent refresh token is refused as X refuses it", async () => {
    const app = confidentialApp(x);
    const first = await signIn(app);
    const second = await refresh(app, first.refresh_token as string);
    expect(second).toMatchObject({ token_type: "bearer", expires_in: 7200, scope: first.scope });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(await refusal(refresh(app, first.refresh_token as string))).toEqual(spentToken);
    expect((await get(x, second.access_token, "/2/users/me")).status).toBe(200);
    const third = await refresh(app, second.refresh_token as string);
    expect(third.refresh_token).toEqual(expect.any(String));
    const states = x
      .tokens()
      .filter((t) => t.kind === "refresh_token")
      .map((t) => t.used);
    expect(states).toEqual([true, true, false]);
  });

  it("lets exactly one of two concurrent refreshes with the same token win", async () => {
    const app = confidentialApp(x);
    const { refresh_token } = await signIn(app);
    const results = await Promise.allSettled([
      refresh(app, refresh_token as string),
      refresh(app, refresh_token as string),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(await refusal(Promise.reject(lost[0]?.reason))).toEqual(spentToken);
    const winner = (won[0] as PromiseFulfilledResult<oauth.TokenEndpointResponse>).value;
    expect((await refresh(app, winner.refresh_token as string)).token_type).toBe("bearer");
  });

  it("refuses another client's refresh token", async () => {
    const { refresh_token } = await signIn(publicApp(x));
    expect(await refusal(refresh(confidentialApp(x), refresh_token as string))).toEqual(spentToken);
  });

  it("ends the whole chain when a refresh token is revoked", async () => {
    const app = confidentialApp(x);
    const tokens = await signIn(app);
    const response = await oauth.revocationRequest(
      app.as,
      app.client,
      app.auth,
      tokens.refresh_token as string,
      insecure,
    );
    expect(await response.clone().json()).toEqual({ revoked: true });
    await oauth.processRevocationResponse(response);
    expect(await refusal(refresh(app, tokens.refresh_token as string))).toEqual(spentToken);
    expect((await get(x, tokens.access_token, "/2/users/me")).status).toBe(401);
  });
});

describe("the consent page", () => {
  it("offers every account but suspended ones, and pre-selects the chosen one", async () => {
    const { url } = await authorizationRequest(confidentialApp(x));
    const page = await (await fetch(url)).text();
    for (const handle of ["alice", "bob", "carol", "dana"]) expect(page).toContain(`@${handle}`);
    expect(page).not.toContain("@spammer");
    expect(page).not.toContain("checked");
    x.selectAccount("bob");
    const app = confidentialApp(x);
    const { params, verifier } = await authorize(app, {});
    const tokens = await exchange(app, params, verifier);
    expect((await get(x, tokens.access_token, "/2/users/me")).body.data?.username).toBe("bob");
  });

  it("redirects a cancel back with error=access_denied and the state", async () => {
    const app = confidentialApp(x);
    const request = await authorizationRequest(app);
    const callback = await completeAuthorization(request.url, { decision: "cancel" });
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("state")).toBe(request.state);
    expect(() => oauth.validateAuthResponse(app.as, app.client, callback, request.state)).toThrow(
      expect.objectContaining({ error: "access_denied" }),
    );
  });

  it("refuses plain PKCE and unknown scopes by redirecting with an error", async () => {
    const app = confidentialApp(x);
    for (const [overrides, error] of [
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ code_challenge_method: "" }, "invalid_request"],
      [{ scope: "users.read tweet.read launch.rockets" }, "invalid_scope"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ state: "" }, "invalid_request"],
    ] as const) {
      const request = await authorizationRequest(app, overrides);
      const callback = await completeAuthorization(request.url);
      expect(callback.searchParams.get("error"), JSON.stringify(overrides)).toBe(error);
      expect(callback.searchParams.get("code")).toBeNull();
    }
  });

  it("never redirects to a callback URL the client did not register", async () => {
    const app = confidentialApp(x);
    const wrongs: Record<string, string>[] = [
      { redirect_uri: "http://127.0.0.1:6666/steal" },
      { client_id: "who-knows" },
    ];
    for (const overrides of wrongs) {
      const { url } = await authorizationRequest(app, overrides);
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("Something went wrong");
    }
  });

  it("refuses to approve for a suspended account", async () => {
    const request = await authorizationRequest(confidentialApp(x));
    const form = new URLSearchParams(request.url.search);
    form.set("account", X_DEV_ACCOUNTS.spammer.id);
    form.set("decision", "approve");
    const response = await fetch(x.authorizeUrl, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});
