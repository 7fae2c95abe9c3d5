import { type Address, isAddress } from "viem";
import * as z from "zod/mini";

// Light on purpose: the connect dialog reads it to decide whether to offer the Boon wallet, without
// loading any of the wallet's cryptography.

/** Where the encrypted wallet lives on this device. */
export const WALLET_STORAGE_KEY = "boon.wallet";

const hex = z.string().check(z.regex(/^[0-9a-f]+$/));
/** Only the address is readable; the secret is AES-GCM ciphertext under a passcode-derived key. */
export const storedWalletSchema = z.object({
  version: z.literal(1),
  address: z.string().check(z.refine((value) => isAddress(value), "not an address")),
  kdf: z.object({
    name: z.literal("PBKDF2"),
    hash: z.literal("SHA-256"),
    iterations: z.int().check(z.minimum(600_000)),
    salt: hex,
  }),
  cipher: z.object({ name: z.literal("AES-GCM"), iv: hex }),
  ciphertext: hex,
  createdAt: z.string(),
});
export type StoredWallet = z.infer<typeof storedWalletSchema> & { address: Address };

/** The wallet kept on this device, or null (none, or a record this version cannot read). */
export function storedWallet(storage: Storage = localStorage): StoredWallet | null {
  const raw = storage.getItem(WALLET_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = storedWalletSchema.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as StoredWallet) : null;
  } catch {
    return null;
  }
}
