// Linking an X account and signing in with X, through the local X's real consent page and token
// endpoint (oauth4webapi on Boon's side), over a real PostgreSQL.
import { api, type SignedIn, signIn } from "@boon/backend/test-support";
import {
  cookieHeader,
  type Jar,
  jarOf,
  linkX,
  returnFromX,
  signInWithX,
  startFlow,
  useSocialTestApp,
  xFlow,
} from "@boon/backend/test-support/social";
import { socialId } from "@boon/contracts";
import { completeAuthorization, X_DEV_ACCOUNTS } from "@boon/scripts/stand-ins";
import { beforeAll, describe, expect, it } from "vitest";
import { readEventsAfter, START } from "../events/events.repository.ts";

const { alice, bob, carol } = X_DEV_ACCOUNTS;
const app = useSocialTestApp();

const eventsOf = async (userId: string) =>
  (await readEventsAfter(app.pool, START, { limit: 200, userId })).map((e) => e.type);

async function linkedRow(xUserId: string) {
  const { rows } = await app.pool.query("SELECT * FROM x_accounts WHERE x_user_id = $1", [xUserId]);
  return rows[0];
}

/** Where the callback sent the browser: `x` and `code` of the dApp URL. */
const outcome = (url: URL) => ({
  origin: url.origin,
  path: url.pathname,
  x: url.searchParams.get("x"),
  code: url.searchParams.get("code"),
});

describe("linking an X account", () => {
  let user: SignedIn;
  beforeAll(async () => {
    user = await signIn(app, { email: "linker@example.com" });
  });

  it("links through X's consent page: keyed by X's id, handle kept for display, tokens sealed", async () => {
    const jar = jarOf(user.headers);
    const authorizeUrl = await startFlow(app, jar, { purpose: "link", redirectTo: "/settings" });
    expect(authorizeUrl.origin).toBe(app.x.url);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: "code",
      client_id: app.config.social.x.clientId,
      redirect_uri: app.config.social.x.callbackUrl,
      scope: "users.read tweet.read offline.access",
      code_challenge_method: "S256",
    });
    expect(jar.boon_x_flow).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const callback = await completeAuthorization(authorizeUrl, { account: "alice" });
    const back = await returnFromX(app, jar, callback);
    expect(back.status).toBe(303);
    expect(outcome(back.location)).toEqual({
      origin: app.config.social.x.dappOrigin,
      path: "/settings",
      x: "linked",
      code: null,
    });

    const me = await api(app, "GET", "/v1/me/x", { headers: user.headers });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      xUserId: alice.id,
      handle: "alice",
      name: "Alice",
      socialId: socialId("x", alice.id),
      status: "active",
    });
    const row = await linkedRow(alice.id);
    expect(row.user_id).toBe(user.userId);
    // Only ciphertext at rest: no token X issued appears in the row.
    const stored = JSON.stringify(row);
    for (const token of app.x.tokens()) expect(stored).not.toContain(token.token);
    expect(row.access_token_enc.length).toBeGreaterThan(28);
    expect(row.refresh_token_enc).not.toBeNull();
    expect(await eventsOf(user.userId)).toContain("x.linked");
    const audit = await app.pool.query(
      "SELECT action FROM audit_log WHERE subject_type = 'x_account' AND subject_id = $1",
      [alice.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["x.linked"]);
  });

  it("refuses an X account linked to another user, and revokes the tokens it got", async () => {
    const other = await signIn(app);
    const before = app.x.tokens().length;
    const back = await xFlow(app, jarOf(other.headers), "link", { account: "alice" });
    expect(outcome(back)).toMatchObject({ x: "error", code: "x_account_linked_to_other_user" });
    expect((await linkedRow(alice.id)).user_id).toBe(user.userId);
    const issued = app.x.tokens().slice(before);
    expect(issued.length).toBe(2);
    expect(issued.every((t) => t.revoked)).toBe(true);
  });

  it("refuses a second X account for a user that has one", async () => {
    const back = await xFlow(app, jarOf(user.headers), "link", { account: "bob" });
    expect(outcome(back)).toMatchObject({ x: "error", code: "x_other_account_linked" });
    expect(await linkedRow(bob.id)).toBeUndefined();
  });

  it("unlinks (live session), after which another user can link the account", async () => {
    const unlinked = await api(app, "DELETE", "/v1/me/x", { headers: user.headers });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.xUserId).toBe(alice.id);
    expect(await linkedRow(alice.id)).toBeUndefined();
    expect((await api(app, "GET", "/v1/me/x", { headers: user.headers })).body.error.code).toBe(
      "x_not_linked",
    );
    expect((await api(app, "DELETE", "/v1/me/x", { headers: user.headers })).status).toBe(404);
    expect(await eventsOf(user.userId)).toContain("x.unlinked");
    // The grant ended at X too.
    expect(app.x.tokens().filter((t) => t.userId === alice.id && !t.revoked && !t.used)).toEqual(
      [],
    );

    const next = await signIn(app);
    await linkX(app, next.headers, "alice");
    expect((await linkedRow(alice.id)).user_id).toBe(next.userId);
  });

  it("linking needs a live session, at the start and at the callback", async () => {
    const start = await api(app, "POST", "/v1/auth/x/start", { body: { purpose: "link" } });
    expect(start.status).toBe(401);

    const leaving = await signIn(app);
    const jar = jarOf(leaving.headers);
    const authorizeUrl = await startFlow(app, jar, { purpose: "link" });
    await api(app, "POST", "/v1/auth/logout", { headers: leaving.headers });
    const callback = await completeAuthorization(authorizeUrl, { account: "carol" });
    const back = await returnFromX(app, jar, callback);
    expect(outcome(back.location)).toMatchObject({ x: "error", code: "x_session_ended" });
    expect(await linkedRow(carol.id)).toBeUndefined();
  });
});

describe("the OAuth state", () => {
  it("is single use: a replayed callback is refused", async () => {
    const u = await signIn(app);
    const jar = jarOf(u.headers);
    const authorizeUrl = await startFlow(app, jar, { purpose: "link" });
    const callback = await completeAuthorization(authorizeUrl, { account: "dana" });
    expect(outcome((await returnFromX(app, jar, callback)).location).x).toBe("linked");
    const replay = await returnFromX(app, jar, callback);
    expect(outcome(replay.location)).toMatchObject({ x: "error", code: "x_state_used" });
    await api(app, "DELETE", "/v1/me/x", { headers: u.headers });
  });

  it("expires after 10 minutes", async () => {
    const jar: Jar = {};
    const authorizeUrl = await startFlow(app, jar, { purpose: "sign_in" });
    await app.pool.query(
      "UPDATE x_oauth_states SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
    );
    const callback = await completeAuthorization(authorizeUrl, { account: "bob" });
    const back = await returnFromX(app, jar, callback);
    expect(outcome(back.location)).toMatchObject({ x: "error", code: "x_state_expired" });
  });

  it("is bound to the browser that started the flow", async () => {
    const jar: Jar = {};
    const authorizeUrl = await startFlow(app, jar, { purpose: "sign_in" });
    const callback = await completeAuthorization(authorizeUrl, { account: "bob" });
    // Someone else's browser (no flow cookie, or another one) cannot complete it...
    const stranger = await returnFromX(app, { boon_x_flow: "A".repeat(43) }, callback);
    expect(outcome(stranger.location)).toMatchObject({ x: "error", code: "x_state_mismatch" });
    expect(stranger.location.searchParams.get("x")).toBe("error");
    expect((await returnFromX(app, {}, callback)).location.searchParams.get("code")).toBe(
      "x_state_mismatch",
    );
    // ...and trying did not spend it for its owner.
    expect(outcome((await returnFromX(app, jar, callback)).location).x).toBe("signed_in");
  });

  it("is bound to the session that started a link", async () => {
    const starter = await signIn(app);
    const other = await signIn(app);
    const jar = jarOf(starter.headers);
    const authorizeUrl = await startFlow(app, jar, { purpose: "link" });
    const callback = await completeAuthorization(authorizeUrl, { account: "carol" });
    // The same browser, now carrying another user's session.
    const swapped = { ...jar, boon_at: jarOf(other.headers).boon_at as string };
    const back = await returnFromX(app, swapped, callback);
    expect(outcome(back.location)).toMatchObject({ x: "error", code: "x_state_mismatch" });
    expect(await linkedRow(carol.id)).toBeUndefined();
  });

  it("refuses an unknown state, and a cancel on X comes back as x_access_denied", async () => {
    const unknown = await returnFromX(
      app,
      {},
      new URL(`http://x/v1/auth/x/callback?code=abc&state=${"B".repeat(43)}`),
    );
    expect(outcome(unknown.location)).toMatchObject({
      path: "/claim/x",
      x: "error",
      code: "x_state_invalid",
    });
    const jar: Jar = {};
    const authorizeUrl = await startFlow(app, jar, { purpose: "sign_in" });
    const cancelled = await completeAuthorization(authorizeUrl, { decision: "cancel" });
    const back = await returnFromX(app, jar, cancelled);
    expect(outcome(back.location)).toMatchObject({ x: "error", code: "x_access_denied" });
  });

  it("never sends the browser off the dApp's origin", async () => {
    for (const redirectTo of ["//evil.example", "https://evil.example/", "/\\evil.example"]) {
      const res = await api(app, "POST", "/v1/auth/x/start", {
        body: { purpose: "sign_in", redirectTo },
      });
      expect(res.status).toBe(400);
    }
  });
});

describe("signing in with X", () => {
  it("creates the account on first sign-in, then signs the same account in", async () => {
    const erin = app.x.addAccount({ id: "1700000000000000005", username: "erin", name: "Erin" });
    const first = await signInWithX(app, "erin");
    const me = await api(app, "GET", "/v1/me", { headers: first });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: null, wallets: [] });
    const userId = me.body.id as string;
    expect((await linkedRow(erin.id)).user_id).toBe(userId);
    expect((await api(app, "GET", "/v1/me/x", { headers: first })).body.handle).toBe("erin");
    expect(await eventsOf(userId)).toEqual(expect.arrayContaining(["user.created", "x.linked"]));
    const sessions = await app.pool.query("SELECT method FROM sessions WHERE user_id = $1", [
      userId,
    ]);
    expect(sessions.rows.map((r) => r.method)).toEqual(["x"]);

    const again = await signInWithX(app, "erin");
    expect((await api(app, "GET", "/v1/me", { headers: again })).body.id).toBe(userId);
    const users = await app.pool.query("SELECT count(*)::int AS n FROM users");
    await signInWithX(app, "erin");
    expect((await app.pool.query("SELECT count(*)::int AS n FROM users")).rows[0].n).toBe(
      users.rows[0].n,
    );
  });

  it("concurrent first sign-ins of one X account create one user", async () => {
    const fresh = app.x.addAccount({ id: "1700000000000000777", username: "racer", name: "Racer" });
    const flows = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const jar: Jar = {};
        const authorizeUrl = await startFlow(app, jar, { purpose: "sign_in" });
        return { jar, callback: await completeAuthorization(authorizeUrl, { account: "racer" }) };
      }),
    );
    const backs = await Promise.all(flows.map((f) => returnFromX(app, f.jar, f.callback)));
    expect(backs.map((b) => b.location.searchParams.get("x"))).toEqual(Array(4).fill("signed_in"));
    const ids = await Promise.all(
      flows.map(
        async (f) =>
          (
            await api(app, "GET", "/v1/me", {
              headers: { cookie: cookieHeader({ boon_at: f.jar.boon_at as string }) },
            })
          ).body.id,
      ),
    );
    expect(new Set(ids).size).toBe(1);
    const created = await app.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.created' AND details->>'xUserId' = $1",
      [fresh.id],
    );
    expect(created.rows[0].n).toBe(1);
  });

  it("tracks a renamed handle by X's id: same account, new handle, history and an event", async () => {
    const fay = app.x.addAccount({ id: "1700000000000000006", username: "fay", name: "Fay" });
    const cookie = await signInWithX(app, "fay");
    const userId = (await api(app, "GET", "/v1/me", { headers: cookie })).body.id as string;
    app.x.renameAccount("fay", "fay_new");
    const again = await signInWithX(app, "fay_new");
    expect((await api(app, "GET", "/v1/me", { headers: again })).body.id).toBe(userId);
    const me = await api(app, "GET", "/v1/me/x", { headers: again });
    expect(me.body).toMatchObject({ xUserId: fay.id, handle: "fay_new" });
    const history = await app.pool.query(
      "SELECT handle FROM x_handle_history WHERE x_user_id = $1 ORDER BY id",
      [fay.id],
    );
    expect(history.rows.map((r) => r.handle)).toEqual(["fay", "fay_new"]);
    const events = await readEventsAfter(app.pool, START, { limit: 200, userId });
    expect(events.find((e) => e.type === "x.handle_changed")?.payload).toMatchObject({
      xUserId: fay.id,
      handle: "fay_new",
      previousHandle: "fay",
    });
  });
});
