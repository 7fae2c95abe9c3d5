import { scryptAsync } from "@noble/hashes/scrypt";
import {
  type Address,
  bytesToHex,
  concat,
  getAddress,
  type Hex,
  hexToBytes,
  keccak256,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import * as z from "zod/mini";

// Web3 Secret Storage v3 (the keystore JSON geth, MetaMask and ethers read and write):
// key = KDF(password); ciphertext = AES-128-CTR(key[0..16], iv, private key);
// mac = keccak256(key[16..32] ++ ciphertext).

/** scrypt cost for files we write: ethers' and MetaMask's default (128 MiB, about a second). */
export type ScryptCost = { n: number; r: number; p: number };
const KEYSTORE_SCRYPT: ScryptCost = { n: 131_072, r: 8, p: 1 };

const hex = z.string().check(z.regex(/^(0x)?[0-9a-fA-F]+$/));
const scryptParams = z.object({
  dklen: z.literal(32),
  n: z.number(),
  r: z.number(),
  p: z.number(),
  salt: hex,
});
const pbkdf2Params = z.object({
  dklen: z.literal(32),
  c: z.number(),
  prf: z.literal("hmac-sha256"),
  salt: hex,
});
const keystoreSchema = z.object({
  version: z.literal(3),
  id: z.optional(z.string()),
  address: z.optional(z.string()),
  crypto: z.object({
    cipher: z.literal("aes-128-ctr"),
    cipherparams: z.object({ iv: hex }),
    ciphertext: hex,
    kdf: z.enum(["scrypt", "pbkdf2"]),
    kdfparams: z.union([scryptParams, pbkdf2Params]),
    mac: hex,
  }),
});
export type Keystore = z.infer<typeof keystoreSchema>;

export class KeystoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeystoreError";
  }
}

// Copies into plain ArrayBuffer-backed arrays, the only kind WebCrypto's types take.
const bytes = (value: string) =>
  Uint8Array.from(hexToBytes(value.startsWith("0x") ? (value as Hex) : `0x${value}`));
const bare = (value: Uint8Array | Hex) =>
  (typeof value === "string" ? value : bytesToHex(value)).slice(2);

async function deriveKey(kdf: Keystore["crypto"]["kdf"], params: unknown, password: string) {
  const secret = new TextEncoder().encode(password.normalize("NFKC"));
  if (kdf === "scrypt") {
    const { n, r, p, salt } = scryptParams.parse(params);
    return new Uint8Array(
      await scryptAsync(secret, bytes(salt), { N: n, r, p, dkLen: 32, maxmem: 2 ** 31 }),
    );
  }
  const { c, salt } = pbkdf2Params.parse(params);
  const material = await crypto.subtle.importKey("raw", secret, "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: bytes(salt), iterations: c },
    material,
    256,
  );
  return new Uint8Array(bits);
}

async function aes128Ctr(
  key: Uint8Array,
  iv: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
) {
  const aes = await crypto.subtle.importKey("raw", key.slice(0, 16), "AES-CTR", false, ["encrypt"]);
  const out = await crypto.subtle.encrypt({ name: "AES-CTR", counter: iv, length: 128 }, aes, data);
  return new Uint8Array(out);
}

const macOf = (key: Uint8Array, ciphertext: Uint8Array) =>
  keccak256(concat([key.slice(16, 32), ciphertext]));

/** A keystore file for `privateKey`, locked with `password` (scrypt). */
export async function encryptKeystore(
  privateKey: Hex,
  password: string,
  options: {
    salt?: Uint8Array<ArrayBuffer>;
    iv?: Uint8Array<ArrayBuffer>;
    id?: string;
    scrypt?: ScryptCost;
  } = {},
): Promise<Keystore> {
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(32));
  const iv = options.iv ?? crypto.getRandomValues(new Uint8Array(16));
  const kdfparams = {
    dklen: 32 as const,
    ...(options.scrypt ?? KEYSTORE_SCRYPT),
    salt: bare(salt),
  };
  const key = await deriveKey("scrypt", kdfparams, password);
  const ciphertext = await aes128Ctr(key, iv, bytes(privateKey));
  return {
    version: 3,
    id: options.id ?? crypto.randomUUID(),
    address: bare(privateKeyToAccount(privateKey).address).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: bare(iv) },
      ciphertext: bare(ciphertext),
      kdf: "scrypt",
      kdfparams,
      mac: bare(macOf(key, ciphertext)),
    },
  };
}

/** The private key in a keystore file (scrypt or PBKDF2), or a KeystoreError saying what is wrong. */
export async function decryptKeystore(file: unknown, password: string): Promise<Hex> {
  const parsed = keystoreSchema.safeParse(file);
  if (!parsed.success) throw new KeystoreError("This is not a version 3 keystore file.");
  const { crypto: box } = parsed.data;
  const key = await deriveKey(box.kdf, box.kdfparams, password);
  const ciphertext = bytes(box.ciphertext);
  if (macOf(key, ciphertext) !== `0x${bare(bytes(box.mac))}`)
    throw new KeystoreError("Wrong password for this keystore file.");
  return bytesToHex(await aes128Ctr(key, bytes(box.cipherparams.iv), ciphertext));
}

/** The file name geth gives keystores, so other wallets' importers recognise it. */
export function keystoreFileName(address: Address, at = new Date()): string {
  const stamp = at.toISOString().replace(/:/g, "-");
  return `UTC--${stamp}--${getAddress(address).slice(2).toLowerCase()}.json`;
}
