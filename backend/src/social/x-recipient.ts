import { xPostIdFromUrl } from "./x-post-url.ts";

// What a sender may type to address an X account: `@handle` (or the bare handle), a profile link
// (`x.com/handle`, `https://twitter.com/handle`, with or without `www.`/`mobile.`) or a post link
// (`https://x.com/handle/status/<id>`, `/i/web/status/<id>`) — a post means its author, and the post
// becomes the gift's context. Pure: resolving the handle or post to an account is x-resolver.ts.

export type XRecipientInput = { handle: string } | { postId: string };

/** X handles: 1-15 letters, digits and underscores. */
export const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** First path segments of x.com that are pages, not profiles. */
const RESERVED = new Set([
  "i",
  "home",
  "explore",
  "search",
  "settings",
  "messages",
  "notifications",
  "compose",
  "intent",
  "share",
  "hashtag",
  "login",
  "logout",
  "signup",
  "tos",
  "privacy",
]);

const X_HOST = /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/i;

/** The handle or post an input names, or undefined when it names neither. */
export function parseXRecipient(input: string): XRecipientInput | undefined {
  const text = input.trim();
  const handle = /^@?([A-Za-z0-9_]{1,15})$/.exec(text)?.[1];
  if (handle !== undefined) return { handle };
  const url = asUrl(text);
  if (!url || !X_HOST.test(url.hostname)) return undefined;
  const postId = xPostIdFromUrl(url.toString());
  if (postId !== undefined) return BigInt(postId) > 0n ? { postId } : undefined;
  const segments = url.pathname.split("/").filter((s) => s !== "");
  const profile = segments.length === 1 ? segments[0] : undefined;
  if (profile === undefined || !HANDLE.test(profile) || RESERVED.has(profile.toLowerCase()))
    return undefined;
  return { handle: profile };
}

/** A URL from a link with or without its scheme (`x.com/alice` as people paste it). */
function asUrl(text: string): URL | undefined {
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
}
