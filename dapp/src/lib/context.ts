import { xPostContext } from "@boon/contracts";
import { type Hex, hexToBigInt, zeroHash } from "viem";
import { parseXLink } from "./x-links.ts";

const uint64Max = (1n << 64n) - 1n;

export type ParsedContext =
  | { ok: true; context: Hex; postId: string | null }
  | { ok: false; message: string };

/**
 * An optional X post URL as a gift's bytes32 context: the numeric post id, left-padded. Empty means
 * no context (zero). The id, not the URL, because handles change and the id never does.
 */
export function parsePostContext(input: string): ParsedContext {
  const text = input.trim();
  if (text === "") return { ok: true, context: zeroHash, postId: null };
  const link = parseXLink(text);
  const id = link?.kind === "post" ? link.postId : undefined;
  if (!id || BigInt(id) === 0n || BigInt(id) > uint64Max) {
    return { ok: false, message: "Paste a post link like https://x.com/name/status/1234567890." };
  }
  return {
    ok: true,
    context: xPostContext(id),
    postId: BigInt(id).toString(),
  };
}

/** The X post a context points at, when it is one (a non-zero 64-bit id). */
export function contextPostUrl(context: Hex | null | undefined): string | null {
  if (!context || context === zeroHash) return null;
  const id = hexToBigInt(context);
  return id > 0n && id <= uint64Max ? `https://x.com/i/web/status/${id}` : null;
}
