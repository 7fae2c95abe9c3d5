// X API v2 endpoints Boon uses, with X's auth rules, rate-limit headers and payloads:
// - GET /2/users/me                     https://docs.x.com/x-api/users/get-my-user
// - GET /2/users/by/username/:username  https://docs.x.com/x-api/users/get-user-by-username
// - GET /2/tweets/:id                   https://docs.x.com/x-api/posts/get-post-by-id
import { json, type Reply, type StandInRequest } from "../http.ts";
import {
  listParameter,
  TWEET_EXPANSIONS,
  TWEET_FIELDS,
  tweetObject,
  USER_EXPANSIONS,
  USER_FIELDS,
  unknownParameters,
  userObject,
} from "./fields.ts";
import * as problems from "./problems.ts";
import type { Caller, RateLimiter, XEndpoint } from "./rate-limits.ts";
import {
  accountByUsername,
  ID_PATTERN,
  type IssuedToken,
  USERNAME_PATTERN,
  type XState,
} from "./state.ts";

/** Both X endpoints need these scopes of a user token. */
const READ_SCOPES = ["tweet.read", "users.read"];

type Auth = { kind: "app" } | { kind: "user"; token: IssuedToken };

/** The bearer token: the app-only one, or a live user access token. */
function authenticate(state: XState, request: StandInRequest): Auth | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  if (!match) return undefined;
  const presented = match[1] as string;
  if (presented === state.appBearerToken) return { kind: "app" };
  const token = state.tokens.get(presented);
  if (token?.kind !== "access_token" || token.revoked) return undefined;
  if ((token.expiresAt ?? 0) <= state.clock.now()) return undefined;
  return { kind: "user", token };
}

type Handler = (auth: Auth, headers: Record<string, string>) => Reply;

/** Auth, scopes and the rate limit, in X's order, around an endpoint's own answer. */
function guarded(
  state: XState,
  limiter: RateLimiter,
  request: StandInRequest,
  endpoint: XEndpoint,
  appOnlyAllowed: boolean,
  handler: Handler,
): Reply {
  const auth = authenticate(state, request);
  if (!auth) return problems.unauthorized();
  if (auth.kind === "app" && !appOnlyAllowed) return problems.appOnlyForbidden();
  if (auth.kind === "user" && !READ_SCOPES.every((s) => auth.token.scopes.includes(s)))
    return problems.missingScopes();
  const caller: Caller =
    auth.kind === "app"
      ? { kind: "app" }
      : { kind: "user", clientId: auth.token.clientId, userId: auth.token.userId };
  const taken = limiter.take(endpoint, caller);
  if (!taken.allowed) return problems.tooManyRequests(taken.headers);
  const reply = handler(auth, taken.headers);
  return { ...reply, headers: { ...reply.headers, ...taken.headers } };
}

function userQuery(query: URLSearchParams, pathParams: string[]) {
  const fields = listParameter(query, "user.fields", USER_FIELDS);
  const expansions = listParameter(query, "expansions", USER_EXPANSIONS);
  const allowed = [...pathParams, "expansions", "tweet.fields", "user.fields"];
  const tweetFields = listParameter(query, "tweet.fields", TWEET_FIELDS);
  const errors = [
    ...unknownParameters(query, allowed),
    ...fields.errors,
    ...expansions.errors,
    ...tweetFields.errors,
  ];
  return { fields: fields.values, errors };
}

export function usersMe(state: XState, limiter: RateLimiter, request: StandInRequest): Reply {
  return guarded(state, limiter, request, "GET /2/users/me", false, (auth) => {
    const { fields, errors } = userQuery(request.url.searchParams, []);
    if (errors.length > 0) return problems.invalidRequest(errors);
    const userId = auth.kind === "user" ? auth.token.userId : "";
    const account = state.accounts.get(userId);
    if (!account) return problems.unauthorized();
    return json(200, { data: userObject(account, fields) });
  });
}

export function userByUsername(
  state: XState,
  limiter: RateLimiter,
  request: StandInRequest,
  username: string,
): Reply {
  const endpoint = "GET /2/users/by/username/:username";
  return guarded(state, limiter, request, endpoint, true, () => {
    const { fields, errors } = userQuery(request.url.searchParams, ["username"]);
    if (!USERNAME_PATTERN.test(username)) {
      errors.unshift({
        parameter: "username",
        value: username,
        message: `The \`username\` query parameter value [${username}] does not match ^[A-Za-z0-9_]{1,15}$`,
      });
    }
    if (errors.length > 0) return problems.invalidRequest(errors);
    const account = accountByUsername(state, username);
    // X answers 200 with `errors` (and no `data`) for a missing or suspended account.
    if (!account) return json(200, { errors: [problems.notFound("user", "username", username)] });
    if (account.suspended) return json(200, { errors: [problems.suspended("username", username)] });
    return json(200, { data: userObject(account, fields) });
  });
}

export function tweetById(
  state: XState,
  limiter: RateLimiter,
  request: StandInRequest,
  id: string,
): Reply {
  return guarded(state, limiter, request, "GET /2/tweets/:id", true, (auth) => {
    const query = request.url.searchParams;
    const tweetFields = listParameter(query, "tweet.fields", TWEET_FIELDS);
    const expansions = listParameter(query, "expansions", TWEET_EXPANSIONS);
    const userFields = listParameter(query, "user.fields", USER_FIELDS);
    const allowed = [
      "id",
      "expansions",
      "media.fields",
      "place.fields",
      "poll.fields",
      "tweet.fields",
      "user.fields",
    ];
    const errors = [
      ...unknownParameters(query, allowed),
      ...tweetFields.errors,
      ...expansions.errors,
      ...userFields.errors,
    ];
    if (!ID_PATTERN.test(id))
      errors.unshift({
        parameter: "id",
        value: id,
        message: `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$`,
      });
    if (errors.length > 0) return problems.invalidRequest(errors);
    const tweet = state.tweets.get(id);
    const author = tweet ? state.accounts.get(tweet.authorId) : undefined;
    // Deleted posts and posts of suspended accounts are gone for the API.
    if (!tweet || tweet.deleted || !author || author.suspended)
      return json(200, { errors: [problems.notFound("tweet", "id", id)] });
    const viewer = auth.kind === "user" ? auth.token.userId : undefined;
    if (author.protected && viewer !== author.id)
      return json(200, { errors: [problems.notAuthorizedForTweet(id)] });
    const body: Record<string, unknown> = {
      data: tweetObject(tweet, tweetFields.values, expansions.values),
    };
    if (expansions.values.has("author_id"))
      body.includes = { users: [userObject(author, userFields.values)] };
    return json(200, body);
  });
}
