/**
 * What a person pastes to point at X: a post link (x.com or twitter.com, any of their hosts), a
 * profile link, or an @handle. The post id (never the URL) is what goes on chain; a handle is only
 * a name to resolve to X's immutable user id, which can change hands.
 */
export type XLink =
  | { kind: "post"; postId: string; handle: string | null }
  | { kind: "profile"; handle: string };

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const HOSTS = new Set(["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com"]);

export function parseXLink(input: string): XLink | null {
  const text = input.trim();
  if (text.startsWith("@")) {
    const handle = text.slice(1);
    return HANDLE.test(handle) ? { kind: "profile", handle } : null;
  }
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!HOSTS.has(url.hostname.replace(/^www\./, "").toLowerCase())) return null;
  const [first = "", second, third] = url.pathname.split("/").filter(Boolean);
  // /<handle>/status/<id>, /i/web/status/<id>, /i/status/<id> (and the old /statuses/)
  const status = first === "i" ? (second === "web" ? third : second) : second;
  const id = first === "i" ? url.pathname.match(/\/status(?:es)?\/(\d{1,20})/)?.[1] : third;
  if (status && /^status(es)?$/.test(status) && id && /^\d{1,20}$/.test(id)) {
    return { kind: "post", postId: id, handle: first !== "i" && HANDLE.test(first) ? first : null };
  }
  if (first === "i" && id) return { kind: "post", postId: id, handle: null };
  if (HANDLE.test(first) && second === undefined) return { kind: "profile", handle: first };
  return null;
}
