// Turns what a sender typed (`@handle`, a profile link, a post link) into the X account a gift goes
// to: X's immutable numeric id, the social id the vault escrows for (socialId("x", id), exactly as
// contracts/README.md defines it), and for a post its id and the gift context (xPostContext).
//
// Caching: a handle is only a pointer to an account and can be renamed and then taken by someone
// else, so a handle -> account answer is kept X_HANDLE_CACHE_SECONDS (5 minutes by default) and
// no longer; a post's author never changes, but its answer carries the author's current handle, so
// it follows the same lifetime. "Not found" and "suspended" are kept 60 s, so a burst of lookups of
// a typo costs X one call, while a new account becomes findable within a minute.
import { socialId, xPostContext } from "@boon/contracts";
import type { Hex } from "viem";
import { invalid, notFound, unprocessable } from "../errors.ts";
import { createTtlCache } from "./ttl-cache.ts";
import type { PostLookup, UserLookup, XApi, XUser } from "./x-api.ts";
import { parseXRecipient } from "./x-recipient.ts";

export const NEGATIVE_CACHE_MS = 60_000;

export type ResolvedXRecipient = {
  xUserId: string;
  handle: string;
  name: string;
  socialId: Hex;
  /** For a post link: the post, whose author is the recipient. */
  postId?: string;
  postText?: string;
  /** The gift's on-chain context for that post. */
  context?: Hex;
};

export type XResolver = {
  resolve(input: string): Promise<ResolvedXRecipient>;
};

export function createXResolver(options: {
  api: XApi;
  handleCacheSeconds: number;
  /** Told every account X describes (keeps linked accounts' handles current). */
  onSeen?: (user: XUser) => Promise<void>;
  now?: () => number;
}): XResolver {
  const ttlMs = (lookup: UserLookup | PostLookup) =>
    "found" in lookup ? options.handleCacheSeconds * 1000 : NEGATIVE_CACHE_MS;
  const cacheOptions = { ttlMs, ...(options.now ? { now: options.now } : {}) };
  const users = createTtlCache<UserLookup>(cacheOptions);
  const posts = createTtlCache<PostLookup>(cacheOptions);

  async function seen(user: XUser): Promise<void> {
    await options.onSeen?.(user);
  }

  async function byHandle(handle: string): Promise<ResolvedXRecipient> {
    const lookup = await users.get(handle.toLowerCase(), async () => {
      const result = await options.api.userByUsername(handle);
      if ("found" in result) await seen(result.found);
      return result;
    });
    if ("missing" in lookup) {
      if (lookup.missing === "suspended")
        throw unprocessable(
          "x_user_suspended",
          `@${handle} is suspended on X; it cannot receive gifts`,
        );
      throw notFound("x_user_not_found", `There is no X account @${handle}`);
    }
    return recipient(lookup.found);
  }

  async function byPost(postId: string): Promise<ResolvedXRecipient> {
    const lookup = await posts.get(postId, async () => {
      const result = await options.api.post(postId);
      if ("found" in result) await seen(result.found.author);
      return result;
    });
    if ("missing" in lookup)
      throw notFound(
        "x_post_not_found",
        lookup.missing === "not_visible"
          ? `X post ${postId} is not visible to Boon (a protected account's post)`
          : `There is no X post ${postId} (it may have been deleted)`,
      );
    const { author, id, text } = lookup.found;
    return { ...recipient(author), postId: id, postText: text, context: xPostContext(id) };
  }

  return {
    resolve(input) {
      const parsed = parseXRecipient(input);
      if (!parsed)
        throw invalid(
          "invalid_x_recipient",
          "Give an X handle (@alice), a profile link (x.com/alice) or a post link (x.com/alice/status/123)",
        );
      return "handle" in parsed ? byHandle(parsed.handle) : byPost(parsed.postId);
    },
  };
}

function recipient(user: XUser): ResolvedXRecipient {
  return {
    xUserId: user.id,
    handle: user.username,
    name: user.name,
    socialId: socialId("x", user.id),
  };
}
