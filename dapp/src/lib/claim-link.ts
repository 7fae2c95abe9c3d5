import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
// zod/mini: tree-shakes to what is used, keeping page chunks small.
import * as z from "zod/mini";

/** A fresh one-time link key: the gift is escrowed for its address; its private key is the link. */
export function newLinkKey(): { privateKey: Hex; address: Address } {
  const privateKey = generatePrivateKey();
  return { privateKey, address: privateKeyToAccount(privateKey).address };
}

/**
 * The claim link of a link gift. The key rides in the URL fragment, which browsers never send to any
 * server, so only whoever holds the link can sign the claim. The key alone finds the gift (its
 * address is the gift's recipient, and its id is derived from it), so the link carries nothing else.
 */
export function claimLinkUrl(origin: string, privateKey: Hex): string {
  return `${origin.replace(/\/$/, "")}/claim#key=${privateKey}`;
}

const fragmentSchema = z.object({
  gift: z.optional(z.string().check(z.regex(/^\d{1,78}$/, "gift must be a gift number"))),
  key: z.string().check(z.regex(/^0x[0-9a-fA-F]{64}$/, "key must be a 32-byte hex private key")),
});

/** `giftId` comes only with older links (`#gift=<id>&key=`); otherwise the gift is found by its key. */
export type ClaimLink = { giftId: bigint | null; privateKey: Hex; linkKey: Address };
export type ParsedClaimLink = { ok: true; link: ClaimLink } | { ok: false; message: string };

/** Reads a claim link's fragment ("#gift=..&key=..", or a whole URL). */
export function parseClaimLink(input: string): ParsedClaimLink {
  const hashAt = input.indexOf("#");
  const fragment = hashAt >= 0 ? input.slice(hashAt + 1) : input;
  const params = Object.fromEntries(new URLSearchParams(fragment));
  const parsed = z.safeParse(fragmentSchema, params);
  if (!parsed.success) {
    return {
      ok: false,
      message: "This claim link is incomplete or damaged. Ask the sender for it again.",
    };
  }
  const privateKey = parsed.data.key.toLowerCase() as Hex;
  let linkKey: Address;
  try {
    linkKey = privateKeyToAccount(privateKey).address;
  } catch {
    return {
      ok: false,
      message: "This claim link's key is not valid. Ask the sender for it again.",
    };
  }
  const giftId = parsed.data.gift === undefined ? null : BigInt(parsed.data.gift);
  return { ok: true, link: { giftId, privateKey, linkKey } };
}
