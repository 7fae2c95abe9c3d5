// The social verifier's key behind an interface, so the key can live elsewhere: a KMS or HSM
// implements the same two members (its address, and EIP-712 signing that returns a 65-byte
// signature) without anything else changing. Locally it is a private key from configuration.
import type { Address, Hex, TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export type AttestationSigner = {
  /** The key's address: it must hold the GiftVault's VERIFIER_ROLE. */
  readonly address: Address;
  /** An EIP-712 signature (65 bytes, hex) of the typed data. */
  signTypedData(typedData: TypedDataDefinition): Promise<Hex>;
};

/** The signer of a private key held in this process (VERIFIER_PRIVATE_KEY). */
export function localKeySigner(privateKey: Hex): AttestationSigner {
  const account = privateKeyToAccount(privateKey);
  return {
    address: account.address,
    signTypedData: (typedData) => account.signTypedData(typedData),
  };
}
