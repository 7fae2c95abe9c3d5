// Everything the local X knows, in memory: accounts, posts, registered OAuth clients and the codes
// and tokens it has issued. Accounts are keyed by X's immutable numeric id; the handle is a label
// that can change (as it can on X), which is why Boon must key links by id.
import type { Clock } from "../clock.ts";

export type XAccount = {
  /** X's user id: a numeric string (a snowflake up to 19 digits), never reused. */
  id: string;
  /** The handle without "@": 1-15 of [A-Za-z0-9_], unique case-insensitively. */
  username: string;
  name: string;
  createdAt: string;
  description: string;
  profileImageUrl: string;
  verified: boolean;
  protected: boolean;
  suspended: boolean;
};

export type XTweet = {
  id: string;
  text: string;
  authorId: string;
  createdAt: string;
  deleted: boolean;
};

export type XClient = {
  clientId: string;
  /** Set for a confidential client (HTTP Basic at the token endpoint); absent for a public one. */
  clientSecret?: string;
  /** Exact callback URLs, as registered in X's developer console. */
  redirectUris: string[];
  name: string;
};

export type Grant = { clientId: string; userId: string; scopes: string[] };

export type AuthorizationCode = Grant & {
  code: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
  used: boolean;
};

export type IssuedToken = Grant & {
  kind: "access_token" | "refresh_token";
  token: string;
  /** The authorization code the chain of refreshes started from: revoking a refresh token ends it. */
  family: string;
  issuedAt: number;
  /** Access tokens only; X's refresh tokens do not expire on a clock. */
  expiresAt?: number;
  /** A refresh token is spent by its one refresh. */
  used: boolean;
  revoked: boolean;
};

export type XState = {
  clock: Clock;
  accounts: Map<string, XAccount>;
  tweets: Map<string, XTweet>;
  clients: Map<string, XClient>;
  codes: Map<string, AuthorizationCode>;
  tokens: Map<string, IssuedToken>;
  appBearerToken: string;
  /** The account the authorize page pre-selects (a test control). */
  selectedAccountId: string | undefined;
};

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,15}$/;
export const ID_PATTERN = /^[0-9]{1,19}$/;

export function createState(clock: Clock, appBearerToken: string): XState {
  return {
    clock,
    accounts: new Map(),
    tweets: new Map(),
    clients: new Map(),
    codes: new Map(),
    tokens: new Map(),
    appBearerToken,
    selectedAccountId: undefined,
  };
}

export function accountByUsername(state: XState, username: string): XAccount | undefined {
  const wanted = username.toLowerCase();
  for (const account of state.accounts.values())
    if (account.username.toLowerCase() === wanted) return account;
  return undefined;
}

/** Finds an account by id or by handle (with or without "@"). */
export function findAccount(state: XState, idOrUsername: string): XAccount | undefined {
  return (
    state.accounts.get(idOrUsername) ?? accountByUsername(state, idOrUsername.replace(/^@/, ""))
  );
}

export function requireAccount(state: XState, idOrUsername: string): XAccount {
  const account = findAccount(state, idOrUsername);
  if (!account) throw new Error(`local X: no account "${idOrUsername}"`);
  return account;
}

export type AccountSeed = { id: string; username: string; name?: string } & Partial<
  Omit<XAccount, "id" | "username" | "name">
>;

export function addAccount(state: XState, seed: AccountSeed): XAccount {
  if (!ID_PATTERN.test(seed.id)) throw new Error(`local X: user id must be numeric: "${seed.id}"`);
  if (state.accounts.has(seed.id)) throw new Error(`local X: user id ${seed.id} already exists`);
  assertHandleFree(state, seed.username);
  const account: XAccount = {
    name: seed.username,
    createdAt: new Date(state.clock.now()).toISOString(),
    description: "",
    profileImageUrl: `https://pbs.twimg.com/profile_images/${seed.id}/local_normal.png`,
    verified: false,
    protected: false,
    suspended: false,
    ...seed,
  };
  state.accounts.set(account.id, account);
  return account;
}

/** Changes a handle; the id stays, and the old handle stops resolving (anyone may take it). */
export function renameAccount(state: XState, idOrUsername: string, username: string): XAccount {
  const account = requireAccount(state, idOrUsername);
  if (account.username.toLowerCase() !== username.toLowerCase()) assertHandleFree(state, username);
  account.username = username;
  return account;
}

function assertHandleFree(state: XState, username: string): void {
  if (!USERNAME_PATTERN.test(username))
    throw new Error(`local X: "${username}" is not a valid handle (1-15 of A-Z, a-z, 0-9, _)`);
  if (accountByUsername(state, username))
    throw new Error(`local X: the handle @${username} is taken`);
}

export type TweetSeed = { id?: string; text: string; author: string; createdAt?: string };

export function addTweet(state: XState, seed: TweetSeed): XTweet {
  const author = requireAccount(state, seed.author);
  const id = seed.id ?? snowflake(state);
  if (!ID_PATTERN.test(id)) throw new Error(`local X: post id must be numeric: "${id}"`);
  if (state.tweets.has(id)) throw new Error(`local X: post ${id} already exists`);
  const tweet: XTweet = {
    id,
    text: seed.text,
    authorId: author.id,
    createdAt: seed.createdAt ?? new Date(state.clock.now()).toISOString(),
    deleted: false,
  };
  state.tweets.set(id, tweet);
  return tweet;
}

export type ClientSeed = {
  clientId: string;
  clientSecret?: string;
  redirectUris: string[];
  name?: string;
};

export function registerClient(state: XState, seed: ClientSeed): XClient {
  if (!seed.clientId) throw new Error("local X: a client needs a clientId");
  for (const uri of seed.redirectUris) new URL(uri); // throws on a malformed callback URL
  const client: XClient = { name: seed.clientId, ...seed, redirectUris: [...seed.redirectUris] };
  state.clients.set(client.clientId, client);
  return client;
}

/** X ids are 64-bit snowflakes: time in the high bits keeps new ids increasing. */
function snowflake(state: XState): string {
  const ms = BigInt(state.clock.now() - 1_288_834_974_657); // X's epoch
  let id = (ms << 22n) + BigInt(state.tweets.size + state.accounts.size);
  while (state.tweets.has(id.toString()) || state.accounts.has(id.toString())) id++;
  return id.toString();
}
