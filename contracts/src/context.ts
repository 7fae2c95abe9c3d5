import { type Hex, hexToBigInt, toHex, zeroHash } from "viem";

/**
 * A gift's `context` for an X post: the post's numeric id as a 32-byte big-endian integer, so
 * analysts can group by post and link back to it. Zero means "no context". (Reading a post id out
 * of a URL is the dApp's and the backend's job; this is only the on-chain encoding.)
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
