/**
 * The numeric id of an X (or Twitter) post from its URL, e.g.
 * https://x.com/someone/status/1850000000000000001 or https://twitter.com/i/web/status/…; undefined
 * for anything else. Only the id goes on chain (xPostContext), never the URL: handles change.
 */
export function xPostIdFromUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/^(www|mobile)\./, "");
  if (!/^https?:$/.test(parsed.protocol) || (host !== "x.com" && host !== "twitter.com")) {
    return undefined;
  }
  // /<handle>/status/<id>, /i/web/status/<id> (and the old /statuses/)
  const match = /^\/(?:[A-Za-z0-9_]{1,15}|i(?:\/web)?)\/status(?:es)?\/(\d{1,20})\/?/.exec(
    parsed.pathname,
  );
  return match?.[1];
}
