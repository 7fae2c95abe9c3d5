import { type Address, bytesToHex, hexToBytes, type LocalAccount } from "viem";
import { accountOf, type WalletSecret } from "./phrase.ts";
import { type StoredWallet, storedWallet, WALLET_STORAGE_KEY } from "./stored-wallet.ts";

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: a guess costs this many hashes. */
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSCODE_LENGTH = 8;

export class WrongPasscodeError extends Error {
  constructor() {
    super("That passcode does not unlock this wallet. Check it and try again.");
    this.name = "WrongPasscodeError";
  }
}
export class NoWalletError extends Error {
  constructor() {
    super("There is no Boon wallet on this device.");
    this.name = "NoWalletError";
  }
}

/** Why a new passcode cannot be used, or null. */
export function passcodeProblem(passcode: string, repeated: string): string | null {
  if (passcode.length < MIN_PASSCODE_LENGTH)
    return `Use at least ${MIN_PASSCODE_LENGTH} characters.`;
  if (passcode !== repeated) return "The two passcodes differ.";
  return null;
}

// Copies into plain ArrayBuffer-backed arrays, the only kind WebCrypto's types take.
const raw = (hex: string) => Uint8Array.from(hexToBytes(`0x${hex}`));
const plain = (bytes: Uint8Array) => bytesToHex(bytes).slice(2);
// The address is authenticated with the ciphertext: a record whose address was edited fails to open.
const associatedData = (address: string) =>
  new TextEncoder().encode(`boon-wallet:v1:${address.toLowerCase()}`);

async function aesKey(passcode: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(passcode),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Encrypts the secret under the passcode and keeps it on this device (replacing any before). */
export async function saveWallet(
  secret: WalletSecret,
  passcode: string,
  storage: Storage = localStorage,
): Promise<Address> {
  const { address } = accountOf(secret);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(passcode, salt, PBKDF2_ITERATIONS);
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: associatedData(address) },
    key,
    new TextEncoder().encode(JSON.stringify(secret)),
  );
  const record: StoredWallet = {
    version: 1,
    address,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: PBKDF2_ITERATIONS, salt: plain(salt) },
    cipher: { name: "AES-GCM", iv: plain(iv) },
    ciphertext: plain(new Uint8Array(ciphertext)),
    createdAt: new Date().toISOString(),
  };
  storage.setItem(WALLET_STORAGE_KEY, JSON.stringify(record));
  return address;
}

/** Decrypts the wallet kept on this device; a wrong passcode fails AES-GCM's tag check. */
export async function unlockWallet(
  passcode: string,
  storage: Storage = localStorage,
): Promise<{ secret: WalletSecret; account: LocalAccount }> {
  const record = storedWallet(storage);
  if (!record) throw new NoWalletError();
  const key = await aesKey(passcode, raw(record.kdf.salt), record.kdf.iterations);
  let decrypted: ArrayBuffer;
  try {
    decrypted = await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: raw(record.cipher.iv),
        additionalData: associatedData(record.address),
      },
      key,
      raw(record.ciphertext),
    );
  } catch {
    throw new WrongPasscodeError();
  }
  const secret = JSON.parse(new TextDecoder().decode(decrypted)) as WalletSecret;
  return { secret, account: accountOf(secret) };
}

export function forgetWallet(storage: Storage = localStorage): void {
  storage.removeItem(WALLET_STORAGE_KEY);
}
