/** Seconds a signed transaction may take to be mined without its expiry leaving the vault's bounds. */
const EXPIRY_SLACK = 300n;

/**
 * The expiry of an escrowed gift signed at chain time `now`: the chosen lifetime, kept inside the
 * vault's bounds with room for the time until the transaction is mined.
 */
export function escrowExpiry(
  now: bigint,
  lifetimeSeconds: number,
  bounds: { minExpirySeconds: number; maxExpirySeconds: number },
): bigint {
  const earliest = now + BigInt(bounds.minExpirySeconds) + EXPIRY_SLACK;
  const latest = now + BigInt(bounds.maxExpirySeconds) - EXPIRY_SLACK;
  const wanted = now + BigInt(lifetimeSeconds);
  return wanted < earliest ? earliest : wanted > latest ? latest : wanted;
}
