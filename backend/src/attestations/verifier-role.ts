// A start-up check that the configured verifier key can actually sign attestations the vault
// accepts: it must hold the GiftVault's VERIFIER_ROLE. Without it every social claim would fail on
// chain, so the backend refuses to start rather than hand out useless signatures.
import { giftVaultAbi } from "@boon/contracts";
import type { Address, PublicClient } from "viem";

export type VerifierRoleCheck =
  | { ok: true }
  | { ok: false; problem: string }
  /** The chain could not be asked (not fatal: the chain may come up later). */
  | { ok: "unknown"; reason: string };

export async function checkVerifierRole(
  client: PublicClient,
  vault: Address,
  verifier: Address,
): Promise<VerifierRoleCheck> {
  try {
    const role = await client.readContract({
      address: vault,
      abi: giftVaultAbi,
      functionName: "VERIFIER_ROLE",
    });
    const holds = await client.readContract({
      address: vault,
      abi: giftVaultAbi,
      functionName: "hasRole",
      args: [role, verifier],
    });
    if (holds) return { ok: true };
    return {
      ok: false,
      problem: `VERIFIER_PRIVATE_KEY's address ${verifier} does not hold VERIFIER_ROLE on the GiftVault at ${vault}: social claims would be refused on chain. Grant it (backend/README.md, "Rotating the verifier key") or configure a verifier key`,
    };
  } catch (error) {
    return { ok: "unknown", reason: error instanceof Error ? error.message : String(error) };
  }
}
