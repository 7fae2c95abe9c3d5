import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { X_DEV_ACCOUNTS, X_DEV_TWEETS } from "./defaults.ts";
import { startXStandIn, type XStandIn } from "./server.ts";
import { confidentialApp, get, registerTestClients, signIn } from "./test-support.ts";

let x: XStandIn;
let aliceToken: string;
beforeEach(async () => {
  x = await startXStandIn({
    rateLimits: { "GET /2/users/by/username/:username": { perApp: 2, perUser: 3 } },
  });
  registerTestClients(x);
  aliceToken = (await signIn(confidentialApp(x), "alice")).access_token;
});
afterEach(() => x.stop());

const unauthorized = {
  title: "Unauthorized",
  type: "about:blank",
  status: 401,
  detail: "Unauthorized",
};
const { alice, carol, dana, spammer } = X_DEV_ACCOUNTS;

/** X's answer (inside a 200) for a lookup of one resource it cannot show. */
function notFound(
  [resourceType, parameter, value]: [type: string, parameter: string, value: string],
  title: string,
  detail: string,
) {
  const type = "https://api.twitter.com/2/problems/resource-not-found";
  return {
    errors: [
      { value, detail, title, resource_type: resourceType, parameter, resource_id: value, type },
    ],
  };
}

describe("GET /2/users/me", () => {
  it("answers the signed-in account, with the user.fields asked for", async () => {
    const plain = await get(x, aliceToken, "/2/users/me");
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ data: { id: alice.id, name: "Alice", username: "alice" } });
    const rich = await get(
      x,
      aliceToken,
      "/2/users/me?user.fields=profile_image_url,verified,protected",
    );
    expect(rich.body.data).toEqual({
      id: alice.id,
      name: "Alice",
      username: "alice",
      profile_image_url: expect.stringMatching(/^https:\/\/pbs\.twimg\.com\//),
      verified: false,
      protected: false,
    });
  });

  it("refuses no token (401) and the app-only token (403), with X's bodies", async () => {
    const none = await fetch(`${x.url}/2/users/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(unauthorized);
    const app = await get(x, x.appBearerToken, "/2/users/me");
    expect(app.status).toBe(403);
    expect(app.body).toMatchObject({
      title: "Unsupported Authentication",
      type: "https://api.twitter.com/2/problems/unsupported-authentication",
      status: 403,
    });
  });

  it("honours an access token for exactly 2 hours", async () => {
    x.advanceClock(7199);
    expect((await get(x, aliceToken, "/2/users/me")).status).toBe(200);
    x.advanceClock(1);
    const expired = await get(x, aliceToken, "/2/users/me");
    expect(expired.status).toBe(401);
    expect(expired.headers.get("content-type")).toBe("application/problem+json");
    expect(expired.body).toEqual(unauthorized);
  });

  it("refuses a token whose scopes do not cover the endpoint", async () => {
    const narrow = await signIn(confidentialApp(x), "bob", "users.read offline.access");
    const response = await get(x, narrow.access_token, "/2/users/me");
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ title: "Forbidden", status: 403 });
  });
});

describe("GET /2/users/by/username/:username", () => {
  it("finds an account case-insensitively, by app token or user token", async () => {
    const byApp = await get(x, x.appBearerToken, "/2/users/by/username/CAROL");
    expect(byApp.body).toEqual({ data: { id: carol.id, name: "Carol", username: "carol" } });
    const byUser = await get(x, aliceToken, "/2/users/by/username/carol?user.fields=verified");
    expect(byUser.body.data).toMatchObject({ id: carol.id, verified: true });
  });

  it("answers 200 with X's errors for an unknown or suspended account", async () => {
    const unknown = await get(x, x.appBearerToken, "/2/users/by/username/nobody_here");
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(
      notFound(
        ["user", "username", "nobody_here"],
        "Not Found Error",
        "Could not find user with username: [nobody_here].",
      ),
    );
    const suspended = await get(x, x.appBearerToken, `/2/users/by/username/${spammer.username}`);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toEqual(
      notFound(["user", "username", "spammer"], "Forbidden", "User has been suspended: [spammer]."),
    );
  });

  it("keeps the id through a rename; the old handle stops resolving", async () => {
    x.renameAccount("carol", "carol_new");
    const renamed = await get(x, aliceToken, "/2/users/by/username/carol_new");
    expect(renamed.body.data).toEqual({ id: carol.id, name: "Carol", username: "carol_new" });
    const old = await get(x, aliceToken, "/2/users/by/username/carol");
    expect(old.body.errors?.[0]?.detail).toBe("Could not find user with username: [carol].");
  });

  it("answers 400 with X's invalid-request body for a malformed handle or parameter", async () => {
    const bad = await get(x, aliceToken, "/2/users/by/username/not-a-handle?user.fields=shoe_size");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errors: [
        {
          parameters: { username: ["not-a-handle"] },
          message:
            "The `username` query parameter value [not-a-handle] does not match ^[A-Za-z0-9_]{1,15}$",
        },
        {
          parameters: { "user.fields": ["shoe_size"] },
          message: expect.stringContaining(
            "The `user.fields` query parameter value [shoe_size] is not one of [",
          ),
        },
      ],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    });
    const malformed = await get(x, aliceToken, "/2/users/by/username/%E0%A4%A");
    expect(malformed.status).toBe(400);
    const extra = await get(x, aliceToken, "/2/users/by/username/alice?colour=blue");
    expect(extra.body.errors?.[0]?.message).toBe(
      "The query parameter [colour] is not one of [username,expansions,tweet.fields,user.fields]",
    );
  });
});

describe("GET /2/tweets/:id", () => {
  const post = X_DEV_TWEETS.carolGm;

  it("returns the post, and its author in includes.users with expansions=author_id", async () => {
    const plain = await get(x, x.appBearerToken, `/2/tweets/${post.id}`);
    expect(plain.body).toEqual({
      data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] },
    });
    const expanded = await get(
      x,
      x.appBearerToken,
      `/2/tweets/${post.id}?expansions=author_id&user.fields=verified&tweet.fields=created_at`,
    );
    expect(expanded.body).toEqual({
      data: {
        id: post.id,
        text: post.text,
        edit_history_tweet_ids: [post.id],
        author_id: carol.id,
        created_at: expect.any(String),
      },
      includes: { users: [{ id: carol.id, name: "Carol", username: "carol", verified: true }] },
    });
  });

  it("answers X's not-found error for an unknown or deleted post", async () => {
    const deleted = X_DEV_TWEETS.bobDeleted.id;
    for (const id of ["1", deleted]) {
      const gone = await get(x, x.appBearerToken, `/2/tweets/${id}?expansions=author_id`);
      expect(gone.status).toBe(200);
      expect(gone.body).toEqual(
        notFound(["tweet", "id", id], "Not Found Error", `Could not find tweet with id: [${id}].`),
      );
    }
    const added = x.addTweet({ text: "soon gone", author: "alice" });
    expect((await get(x, aliceToken, `/2/tweets/${added.id}`)).body.data?.text).toBe("soon gone");
    x.deleteTweet(added.id);
    expect((await get(x, aliceToken, `/2/tweets/${added.id}`)).body.errors).toHaveLength(1);
  });

  it("hides a protected account's post from others but not from its author", async () => {
    const hidden = await get(x, aliceToken, `/2/tweets/${X_DEV_TWEETS.danaProtected.id}`);
    expect(hidden.body.errors?.[0]).toMatchObject({
      title: "Authorization Error",
      type: "https://api.twitter.com/2/problems/not-authorized-for-resource",
    });
    const danaToken = (await signIn(confidentialApp(x), dana.username)).access_token;
    const own = await get(x, danaToken, `/2/tweets/${X_DEV_TWEETS.danaProtected.id}`);
    expect(own.body.data?.id).toBe(X_DEV_TWEETS.danaProtected.id);
  });

  it("answers 400 for an id that is not a number", async () => {
    const bad = await get(x, aliceToken, "/2/tweets/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.message).toBe(
      "The `id` query parameter value [abc] does not match ^[0-9]{1,19}$",
    );
  });
});

describe("rate limits", () => {
  const lookup = "/2/users/by/username/alice";
  const rateHeaders = (h: Headers) =>
    ["limit", "remaining", "reset"].map((k) => h.get(`x-rate-limit-${k}`));

  it("counts down per window, then answers 429 with X's body until the reset", async () => {
    const before = Math.ceil(Date.now() / 1000) + 900;
    const first = await get(x, x.appBearerToken, lookup);
    const reset = first.headers.get("x-rate-limit-reset");
    expect(Number(reset)).toBeGreaterThanOrEqual(before);
    expect(Number(reset)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 900);
    expect(rateHeaders(first.headers)).toEqual(["2", "1", reset]);
    expect(rateHeaders((await get(x, x.appBearerToken, lookup)).headers)).toEqual([
      "2",
      "0",
      reset,
    ]);
    const limited = await get(x, x.appBearerToken, lookup);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      title: "Too Many Requests",
      detail: "Too Many Requests",
      type: "about:blank",
      status: 429,
    });
    expect(rateHeaders(limited.headers)).toEqual(["2", "0", reset]);
    // A user token has its own window; the app's spent one does not touch it.
    expect(rateHeaders((await get(x, aliceToken, lookup)).headers)).toEqual(["3", "2", reset]);
    x.advanceClock(900);
    expect((await get(x, x.appBearerToken, lookup)).status).toBe(200);
  });

  it("can be exhausted and reset by a test", async () => {
    x.exhaustRateLimit("GET /2/tweets/:id");
    const limited = await get(x, aliceToken, `/2/tweets/${X_DEV_TWEETS.carolGm.id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect((await get(x, aliceToken, "/2/users/me")).status).toBe(200);
    x.resetRateLimits();
    const again = await get(x, aliceToken, `/2/tweets/${X_DEV_TWEETS.carolGm.id}`);
    expect(again.status).toBe(200);
    expect(rateHeaders(again.headers)).toEqual(["900", "899", expect.any(String)]);
  });
});

it("answers 404 for a path the local X does not serve", async () => {
  const response = await get(x, aliceToken, "/2/users/me/likes");
  expect(response.status).toBe(404);
  expect(response.body.detail).toBe("The local X stand-in does not serve GET /2/users/me/likes");
});
