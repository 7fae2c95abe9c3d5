import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest (X OAuth tokens, PKCE verifiers): AES-256-GCM with a fresh 96-bit IV per value,
// stored as iv || tag || ciphertext. Each value is bound to where it lives by the additional
// authenticated data (e.g. "x_accounts:<id>:refresh"), so a ciphertext copied to another row or
// column does not decrypt. Keys are named by an id derived from the key itself, stored beside the
// value: rotating X_TOKEN_KEY keeps the old key in X_TOKEN_PREVIOUS_KEYS until every row has been
// written again under the new one.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type TokenCipher = {
  /** The id of the key new values are encrypted with. */
  keyId: string;
  encrypt(plaintext: string, aad: string): Buffer;
  /** Throws when the key id is unknown or the value was altered or moved. */
  decrypt(sealed: Buffer, keyId: string, aad: string): string;
};

/** A key's id: the first 8 bytes of its SHA-256, in hex (names the key, reveals nothing of it). */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export function createTokenCipher(keys: { current: Buffer; previous: Buffer[] }): TokenCipher {
  const byId = new Map([keys.current, ...keys.previous].map((key) => [keyIdOf(key), key]));
  const keyId = keyIdOf(keys.current);
  return {
    keyId,
    encrypt(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed, id, aad) {
      const key = byId.get(id);
      if (!key)
        throw new Error(`no token key with id ${id} (is X_TOKEN_PREVIOUS_KEYS missing it?)`);
      const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}
