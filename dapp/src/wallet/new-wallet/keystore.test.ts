import { describe, expect, it } from "vitest";
import { decryptKeystore, encryptKeystore, KeystoreError, keystoreFileName } from "./keystore.ts";

// The test vectors of the Web3 Secret Storage Definition (password "testpassword").
const SPEC_KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
type SpecVector<K> = { kdf: string; kdfparams: K; iv: string; ciphertext: string; mac: string };

/** A v3 keystore file of the spec: both vectors share the cipher, the key and the id. */
function specFile<K>({ kdf, kdfparams, iv, ciphertext, mac }: SpecVector<K>) {
  const crypto = { cipher: "aes-128-ctr", cipherparams: { iv }, ciphertext, kdf, kdfparams, mac };
  return { crypto, id: "3198bc9c-6672-5ab3-d995-4942343ae5b6", version: 3 };
}
const specPbkdf2 = specFile({
  kdf: "pbkdf2",
  kdfparams: {
    c: 262144,
    dklen: 32,
    prf: "hmac-sha256",
    salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
  },
  iv: "6087dab2f9fdbbfaddc31a909735c1e6",
  ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
  mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
});
const specScrypt = specFile({
  kdf: "scrypt",
  kdfparams: {
    dklen: 32,
    n: 262144,
    p: 8,
    r: 1,
    salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
  },
  iv: "83dbcc02d8ccb40e466191a123791e0e",
  ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
  mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
});
// A cheap scrypt cost for the round trips; the spec's own vector exercises the full cost.
const light = { n: 1024, r: 8, p: 1 } as const;

// scrypt at the spec's cost takes seconds on a busy machine.
describe("keystore files (Web3 Secret Storage v3)", { timeout: 30_000 }, () => {
  it("decrypts the specification's PBKDF2 vector", async () => {
    expect(await decryptKeystore(specPbkdf2, "testpassword")).toBe(SPEC_KEY);
  });
  it("decrypts the specification's scrypt vector", async () => {
    expect(await decryptKeystore(specScrypt, "testpassword")).toBe(SPEC_KEY);
  });
  it("reproduces the spec's ciphertext and MAC from the same salt and iv", async () => {
    const keystore = await encryptKeystore(SPEC_KEY, "testpassword", {
      salt: Uint8Array.from(Buffer.from(specScrypt.crypto.kdfparams.salt, "hex")),
      iv: Uint8Array.from(Buffer.from(specScrypt.crypto.cipherparams.iv, "hex")),
      scrypt: { n: 262144, r: 1, p: 8 },
    });
    expect(keystore.crypto.ciphertext).toBe(specScrypt.crypto.ciphertext);
    expect(keystore.crypto.mac).toBe(specScrypt.crypto.mac);
  });
  it("round-trips a key it encrypts, and names the address", async () => {
    const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const keystore = await encryptKeystore(key, "a long passcode", { scrypt: light });
    expect(keystore.address).toBe("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    expect(keystore.crypto.kdf).toBe("scrypt");
    expect(JSON.stringify(keystore)).not.toContain(key.slice(2, 18));
    const parsed = JSON.parse(JSON.stringify(keystore));
    expect(await decryptKeystore(parsed, "a long passcode")).toBe(key);
  });
  it("writes files at the default cost of 2^17", async () => {
    const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    const keystore = await encryptKeystore(key, "a long passcode");
    expect(keystore.crypto.kdfparams).toMatchObject({ n: 131072, r: 8, p: 1, dklen: 32 });
  });
  it("refuses a wrong password and a file that is not a keystore", async () => {
    await expect(decryptKeystore(specPbkdf2, "testpasswore")).rejects.toThrow(
      new KeystoreError("Wrong password for this keystore file."),
    );
    await expect(decryptKeystore({ version: 1 }, "x")).rejects.toThrow(/not a version 3/);
  });
  it("names files the way geth does", () => {
    const name = keystoreFileName(
      "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      new Date("2026-12-01T18:00:00.000Z"),
    );
    expect(name).toBe(
      "UTC--2026-12-01T18-00-00.000Z--f39fd6e51aad88f6f4ce6ab8827279cfffb92266.json",
    );
  });
});
