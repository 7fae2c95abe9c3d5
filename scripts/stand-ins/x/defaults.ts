// The accounts, posts and credentials a fresh local X starts with. Ids are stable across runs so
// demo data and tests can name them; carol's id and post match the demo data's social gift.
import type { AccountSeed, TweetSeed } from "./state.ts";

export const X_DEV_ACCOUNTS = {
  alice: { id: "1700000000000000001", username: "alice", name: "Alice" },
  bob: { id: "1700000000000000002", username: "bob", name: "Bob" },
  carol: { id: "1234567890", username: "carol", name: "Carol", verified: true },
  dana: { id: "1700000000000000004", username: "dana", name: "Dana (protected)", protected: true },
  spammer: { id: "1700000000000000666", username: "spammer", name: "Spammer", suspended: true },
} as const satisfies Record<string, AccountSeed>;

export const X_DEV_TWEETS = {
  carolGm: {
    id: "1850000000000000001",
    text: "gm from the local X",
    author: X_DEV_ACCOUNTS.carol.id,
  },
  aliceThread: {
    id: "1850000000000000002",
    text: "A thread worth a gift 🧵",
    author: X_DEV_ACCOUNTS.alice.id,
  },
  bobDeleted: { id: "1850000000000000003", text: "oops", author: X_DEV_ACCOUNTS.bob.id },
  danaProtected: {
    id: "1850000000000000004",
    text: "only my followers see this",
    author: X_DEV_ACCOUNTS.dana.id,
  },
} as const satisfies Record<string, TweetSeed & { id: string }>;

/** Posts that start deleted, so "a post that is gone" has a stable id too. */
export const X_DEV_DELETED_TWEET_IDS: readonly string[] = [X_DEV_TWEETS.bobDeleted.id];

/**
 * The local OAuth client Boon uses when no X credentials are configured. Not secret: it only
 * opens the local stand-in. Its callback URLs are given when the stand-in starts (ports vary).
 */
export const X_DEV_CLIENT = {
  clientId: "boon-local-x-client",
  clientSecret: "boon-local-x-secret",
  name: "Boon (local)",
} as const;

/** The app-only bearer token the local X accepts (X's look: a long "AAAA…" string). */
export const X_DEV_APP_BEARER_TOKEN = `AAAAAAAAAAAAAAAAAAAAA${"LocalXAppOnlyBearerToken".padEnd(40, "0")}`;
