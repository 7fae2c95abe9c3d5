// The local X: one node:http server answering on X's own paths, so pointing Boon's X base URLs at
// it (instead of https://x.com and https://api.x.com) is the whole switch.
import { createClock } from "../clock.ts";
import { decodeOrKeep, type Reply, type StandInRequest, serve } from "../http.ts";
import type { StandInOptions, StandInServer } from "../stand-in.ts";
import * as api from "./api.ts";
import { decideAuthorize, showAuthorize } from "./authorize.ts";
import {
  X_DEV_ACCOUNTS,
  X_DEV_APP_BEARER_TOKEN,
  X_DEV_DELETED_TWEET_IDS,
  X_DEV_TWEETS,
} from "./defaults.ts";
import { revokeEndpoint, tokenEndpoint } from "./oauth.ts";
import * as problems from "./problems.ts";
import {
  createRateLimiter,
  type EndpointLimits,
  type RateLimiter,
  type XEndpoint,
} from "./rate-limits.ts";
import {
  type AccountSeed,
  addAccount,
  addTweet,
  type ClientSeed,
  createState,
  type IssuedToken,
  registerClient,
  renameAccount,
  requireAccount,
  type TweetSeed,
  type XAccount,
  type XClient,
  type XState,
  type XTweet,
} from "./state.ts";

export type XStandInOptions = StandInOptions & {
  /** OAuth clients registered at start (more with `registerClient`). */
  clients?: ClientSeed[];
  /** Start with alice, bob, carol, dana (protected), spammer (suspended) and their posts. Default true. */
  seedDefaults?: boolean;
  accounts?: AccountSeed[];
  tweets?: TweetSeed[];
  /** The app-only bearer token accepted for app-authenticated lookups. */
  appBearerToken?: string;
  /** Per-endpoint window sizes, replacing X's published ones (e.g. 2 to reach a 429 quickly). */
  rateLimits?: Partial<Record<XEndpoint, EndpointLimits>>;
};

/** Its `url` is the local https://api.x.com (and https://x.com for the authorize page). */
export type XStandIn = StandInServer & {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  appBearerToken: string;
  // Test controls
  addAccount(seed: AccountSeed): XAccount;
  /** Changes the handle; the id stays (Boon keys by id). */
  renameAccount(idOrUsername: string, username: string): XAccount;
  setSuspended(idOrUsername: string, suspended: boolean): XAccount;
  account(idOrUsername: string): XAccount;
  addTweet(seed: TweetSeed): XTweet;
  deleteTweet(id: string): void;
  registerClient(seed: ClientSeed): XClient;
  /** The account the authorize page pre-selects; undefined for none. */
  selectAccount(idOrUsername: string | undefined): void;
  /** Moves the stand-in's clock: expires access tokens (2 h), codes (30 s), rate windows (15 min). */
  advanceClock(seconds: number): void;
  /** Every access and refresh token issued so far, oldest first. */
  tokens(): IssuedToken[];
  exhaustRateLimit(endpoint: XEndpoint): void;
  resetRateLimits(): void;
};

function seed(state: XState, options: XStandInOptions): void {
  if (options.seedDefaults ?? true) {
    for (const account of Object.values(X_DEV_ACCOUNTS)) addAccount(state, account);
    for (const tweet of Object.values(X_DEV_TWEETS)) addTweet(state, tweet);
    for (const id of X_DEV_DELETED_TWEET_IDS) (state.tweets.get(id) as XTweet).deleted = true;
  }
  for (const account of options.accounts ?? []) addAccount(state, account);
  for (const tweet of options.tweets ?? []) addTweet(state, tweet);
  for (const client of options.clients ?? []) registerClient(state, client);
}

function route(state: XState, limiter: RateLimiter, request: StandInRequest): Reply {
  const { method } = request;
  const path = request.url.pathname;
  if (path === "/i/oauth2/authorize") {
    if (method === "GET") return showAuthorize(state, request);
    if (method === "POST") return decideAuthorize(state, request);
  }
  if (method === "POST" && path === "/2/oauth2/token") return tokenEndpoint(state, request);
  if (method === "POST" && path === "/2/oauth2/revoke") return revokeEndpoint(state, request);
  if (method === "GET") {
    if (path === "/2/users/me") return api.usersMe(state, limiter, request);
    let m = /^\/2\/users\/by\/username\/([^/]+)$/.exec(path);
    if (m) return api.userByUsername(state, limiter, request, decodeOrKeep(m[1] as string));
    m = /^\/2\/tweets\/([^/]+)$/.exec(path);
    if (m) return api.tweetById(state, limiter, request, decodeOrKeep(m[1] as string));
  }
  return problems.unknownRoute(method, path);
}

/** Starts the local X on 127.0.0.1 (a free port unless `port` is given). */
export async function startXStandIn(options: XStandInOptions = {}): Promise<XStandIn> {
  const clock = createClock();
  const state = createState(clock, options.appBearerToken ?? X_DEV_APP_BEARER_TOKEN);
  seed(state, options);
  const limiter = createRateLimiter(clock, options.rateLimits);
  const server = await serve(
    { port: options.port, host: options.host, name: "X", log: options.log },
    (request) => route(state, limiter, request),
  );
  options.log?.("local X stand-in listening", { url: server.url });
  return {
    ...server,
    authorizeUrl: `${server.url}/i/oauth2/authorize`,
    tokenUrl: `${server.url}/2/oauth2/token`,
    revokeUrl: `${server.url}/2/oauth2/revoke`,
    appBearerToken: state.appBearerToken,
    // Controls hand out copies: state changes only through them.
    addAccount: (s) => ({ ...addAccount(state, s) }),
    renameAccount: (who, username) => ({ ...renameAccount(state, who, username) }),
    setSuspended(who, suspended) {
      const account = requireAccount(state, who);
      account.suspended = suspended;
      return { ...account };
    },
    account: (who) => ({ ...requireAccount(state, who) }),
    addTweet: (s) => ({ ...addTweet(state, s) }),
    deleteTweet(id) {
      const tweet = state.tweets.get(id);
      if (!tweet) throw new Error(`local X: no post ${id}`);
      tweet.deleted = true;
    },
    registerClient: (s) => ({ ...registerClient(state, s) }),
    selectAccount(who) {
      state.selectedAccountId = who === undefined ? undefined : requireAccount(state, who).id;
    },
    advanceClock: (seconds) => clock.advance(seconds),
    tokens: () => [...state.tokens.values()].map((token) => ({ ...token })),
    exhaustRateLimit: (endpoint) => limiter.exhaust(endpoint),
    resetRateLimits: () => limiter.reset(),
  };
}
