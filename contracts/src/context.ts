import { type Hex, hexToBigInt, toHex, zeroHash } from "viem";

/**
 * A gift's `context` for an X post: the post's numeric id as a 32-byte big-endian integer, so
 * analysts can group by post and link back to it. Zero means "no context".
 */
export function xPostContext(postId: string | bigint): Hex {
  const id = typeof postId === "bigint" ? postId : BigInt(postId);
  if (id <= 0n) throw new Error("an X post id is a positive integer");
  return toHex(id, { size: 32 });
}

/** The X post id of a context, or undefined for zero. */
export function xPostIdOf(context: Hex): string | undefined {
  return context === zeroHash ? undefined : hexToBigInt(context).toString();
}

/** The post id from an X/Twitter URL such as https://x.com/user/status/1850000000000000001. */
export function parseXPostUrl(url: string): string | undefined {
  const match =
    /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/(?:[A-Za-z0-9_]+|i(?:\/web)?)\/status(?:es)?\/(\d{1,20})(?:[/?#].*)?$/.exec(
      url.trim(),
    );
  return match?.[1];
}
