// The three X API v2 reads Boon makes, with X's rate limits honoured:
// - GET /2/users/me                     the signed-in account (user token)
// - GET /2/users/by/username/:username  an account by handle (app-only bearer token)
// - GET /2/tweets/:id?expansions=author_id   a post and its author (app-only bearer token)
// X answers a missing or suspended account, and a missing or hidden post, with 200 and `errors[]`
// (no `data`); those come back as results, not exceptions. Every answer carries
// `x-rate-limit-remaining` / `x-rate-limit-reset`: once an endpoint's window is spent, calls are
// refused here until the reset instead of spending X's patience (a 429 from X does the same).
import { z } from "zod";
import { rateLimitedUpstream, unavailable } from "../errors.ts";
import type { XConfig } from "./social.config.ts";

const TIMEOUT_MS = 10_000;
/** When X gives no reset time with a 429, wait this long. */
const DEFAULT_BACKOFF_SECONDS = 60;

export type XUser = { id: string; username: string; name: string };
export type XPost = { id: string; text: string; author: XUser };

export type UserLookup = { found: XUser } | { missing: "not_found" | "suspended" };
export type PostLookup = { found: XPost } | { missing: "not_found" | "not_visible" };

/** The user's token was refused by X (revoked, expired): the link must be renewed. */
export class XUnauthorizedError extends Error {
  override readonly name = "XUnauthorizedError";
}

export type XApi = {
  me(accessToken: string): Promise<XUser>;
  userByUsername(username: string): Promise<UserLookup>;
  post(id: string): Promise<PostLookup>;
};

const user = z.object({ id: z.string(), username: z.string(), name: z.string() });
const resourceError = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
});
const userBody = z.object({ data: user.optional(), errors: z.array(resourceError).optional() });
const postBody = z.object({
  data: z.object({ id: z.string(), text: z.string(), author_id: z.string() }).optional(),
  includes: z.object({ users: z.array(user).optional() }).optional(),
  errors: z.array(resourceError).optional(),
});

type Endpoint = "me" | "users/by/username" | "tweets";

export function createXApi(config: XConfig, now: () => number = Date.now): XApi {
  /** Per endpoint (app-only calls), when its spent window resets (ms). */
  const spentUntil = new Map<Endpoint, number>();

  function refuseWhileSpent(endpoint: Endpoint): void {
    const until = spentUntil.get(endpoint) ?? 0;
    if (until > now()) throw xRateLimited(Math.ceil((until - now()) / 1000));
  }

  function remember(endpoint: Endpoint, headers: Headers, limited: boolean): number | undefined {
    const remaining = headers.get("x-rate-limit-remaining");
    const reset = Number(headers.get("x-rate-limit-reset"));
    const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
    if (limited || remaining === "0") {
      const until = resetAt ?? now() + DEFAULT_BACKOFF_SECONDS * 1000;
      spentUntil.set(endpoint, until);
      return Math.max(1, Math.ceil((until - now()) / 1000));
    }
    spentUntil.delete(endpoint);
    return undefined;
  }

  async function get(endpoint: Endpoint, path: string, token: string, appOnly: boolean) {
    if (appOnly) refuseWhileSpent(endpoint);
    let response: Response;
    try {
      response = await fetch(new URL(path, config.apiUrl), {
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unavailable("x_unavailable", `X could not be reached: ${String(error)}`);
    }
    const retryAfter = remember(endpoint, response.headers, response.status === 429);
    if (response.status === 429) throw xRateLimited(retryAfter ?? DEFAULT_BACKOFF_SECONDS);
    if (!appOnly && (response.status === 401 || response.status === 403))
      throw new XUnauthorizedError(`X refused the user's token (${response.status})`);
    if (response.status !== 200)
      throw unavailable("x_unavailable", `X answered ${response.status} to ${path.split("?")[0]}`);
    return response.json().catch(() => {
      throw unavailable("x_unavailable", "X answered with something that is not JSON");
    });
  }

  function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unavailable("x_unavailable", "X answered in an unexpected shape");
    return parsed.data;
  }

  return {
    async me(accessToken) {
      const body = parse(userBody, await get("me", "/2/users/me", accessToken, false));
      if (!body.data) throw new XUnauthorizedError("X answered /2/users/me without an account");
      return body.data;
    },
    async userByUsername(username) {
      const path = `/2/users/by/username/${encodeURIComponent(username)}`;
      const body = parse(userBody, await get("users/by/username", path, config.bearerToken, true));
      if (body.data) return { found: body.data };
      // X reports a suspended account as a "Forbidden" resource error ("User has been suspended").
      const suspended = body.errors?.some(
        (e) => e.title === "Forbidden" || /suspended/i.test(e.detail ?? ""),
      );
      return { missing: suspended ? "suspended" : "not_found" };
    },
    async post(id) {
      const path = `/2/tweets/${encodeURIComponent(id)}?expansions=author_id&tweet.fields=author_id`;
      const body = parse(postBody, await get("tweets", path, config.bearerToken, true));
      const author = body.includes?.users?.find((u) => u.id === body.data?.author_id);
      if (body.data && author) return { found: { id: body.data.id, text: body.data.text, author } };
      const hidden = body.errors?.some((e) => /not-authorized/.test(e.type ?? ""));
      return { missing: hidden ? "not_visible" : "not_found" };
    },
  };
}

function xRateLimited(retryAfterSeconds: number) {
  return rateLimitedUpstream(
    "x_rate_limited",
    "X is rate limiting Boon's lookups right now; try again shortly",
    retryAfterSeconds,
  );
}
