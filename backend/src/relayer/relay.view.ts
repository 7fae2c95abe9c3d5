import type { RelayClaim } from "./relay-claims.repository.ts";

/** The public JSON of a relayed claim (the API contract's `RelayClaim`). */
export function relayClaimView(c: RelayClaim) {
  const status =
    c.outcome ?? (c.txStatus === "sent" ? ("submitted" as const) : ("queued" as const));
  return {
    id: c.id,
    kind: c.kind,
    status,
    destination: c.destination,
    to: c.recipient,
    giftIds: c.giftIds.map(String),
    amount: c.amount.toString(),
    txHash: c.txStatus === "queued" || c.txStatus === "signed" ? null : c.txHash,
    error:
      c.outcome === "failed"
        ? { code: c.failureCode ?? "failed", message: c.failureMessage ?? "The claim failed" }
        : null,
    createdAt: c.createdAt.toISOString(),
  };
}

export type RelayClaimView = ReturnType<typeof relayClaimView>;
