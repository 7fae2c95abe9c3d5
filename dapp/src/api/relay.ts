// zod/mini: tree-shakes to what is used, keeping page chunks small.
import type { Address, Hex } from "viem";
import * as z from "zod/mini";
import type { Backend } from "./backend.ts";

const address = z.pipe(
  z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/)),
  z.transform((value: string) => value as Address),
);

export const relayInfoSchema = z.object({
  enabled: z.boolean(),
  custodyAddress: address,
  chainId: z.int(),
});
export type RelayInfo = z.infer<typeof relayInfoSchema>;

export const relayClaimSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "submitted", "confirmed", "failed"]),
  destination: z.enum(["wallet", "credits"]),
  to: address,
  giftIds: z.array(z.string()),
  amount: z.pipe(
    z.string().check(z.regex(/^\d+$/)),
    z.transform((value: string) => BigInt(value)),
  ),
  txHash: z.nullable(z.string()),
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
  createdAt: z.string(),
});
export type RelayClaim = z.infer<typeof relayClaimSchema>;

export type RelayClaimRequest =
  | { kind: "link"; giftId: bigint; to: Address; signature: Hex }
  | { kind: "social"; to: { wallet: Address } | { credits: true } };

/** The relayer's public facts: whether it runs and Boon's custody address (claims into credits). */
export const fetchRelayInfo = (backend: Backend) => backend("/v1/relay", relayInfoSchema);

/** Asks Boon to submit a claim and pay its gas; one Idempotency-Key per claim attempt. */
export const submitRelayClaim = (
  backend: Backend,
  request: RelayClaimRequest,
  idempotencyKey: string,
) =>
  backend("/v1/relay/claims", relayClaimSchema, {
    method: "POST",
    idempotencyKey,
    body: request.kind === "link" ? { ...request, giftId: request.giftId.toString() } : request,
  });

export const fetchRelayClaim = (backend: Backend, id: string) =>
  backend(`/v1/relay/claims/${encodeURIComponent(id)}`, relayClaimSchema);

/** Whether a relayed claim has reached its end (no more polling). */
export const relayClaimSettled = (claim: RelayClaim) =>
  claim.status === "confirmed" || claim.status === "failed";

/** The relayer's refusals in the words of the person claiming (no gas was spent for any). */
export function relayRefusalMessage(code: string, fallback: string): string {
  const messages: Record<string, string> = {
    gift_not_found: "This gift does not exist on chain. Check the link with the sender.",
    gift_already_claimed: "This gift has already been claimed.",
    gift_expired: "This gift has expired; only the sender can get it back now.",
    no_open_gifts: "There are no open gifts to claim.",
    wallet_not_proven: "Prove you own this wallet first (sign in with it), then claim again.",
    x_account_not_linked: "Sign in with X first: no X account is linked to you.",
    relay_limit_reached:
      "Too many gas-free claims just now. Try again later, or claim with your wallet.",
    relay_budget_exhausted:
      "Gas-free claims are used up for today. Claim with your own wallet, or try again tomorrow.",
    relay_disabled: "Gas-free claims are off right now. Claim with your own wallet instead.",
    unauthenticated: "Sign in first to claim into your Boon credits.",
  };
  return messages[code] ?? fallback;
}
