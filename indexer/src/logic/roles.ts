import { type Hex, keccak256, toHex, zeroHash } from "viem";

const knownRoles = ["MINTER_ROLE", "PAUSER_ROLE", "VERIFIER_ROLE", "REWARD_SIGNER_ROLE"] as const;

const roleNames = new Map<string, string>([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  ...knownRoles.map((name) => [keccak256(toHex(name)), name] as [string, string]),
]);

/** The name of an AccessControl role hash, or the hash itself when unknown. */
export function roleName(role: Hex): string {
  const lower = role.toLowerCase();
  return roleNames.get(lower) ?? lower;
}
