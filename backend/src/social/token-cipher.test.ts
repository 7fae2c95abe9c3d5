import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenCipher, keyIdOf } from "./token-cipher.ts";

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

describe("token cipher (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time and no plaintext in the ciphertext", () => {
    const cipher = createTokenCipher({ current: newKey, previous: [] });
    const a = cipher.encrypt("secret-token", "x_accounts:1:refresh");
    const b = cipher.encrypt("secret-token", "x_accounts:1:refresh");
    expect(a.equals(b)).toBe(false);
    expect(a.toString("latin1")).not.toContain("secret-token");
    expect(cipher.decrypt(a, cipher.keyId, "x_accounts:1:refresh")).toBe("secret-token");
  });

  it("binds a value to where it is stored: another row or column does not decrypt", () => {
    const cipher = createTokenCipher({ current: newKey, previous: [] });
    const sealed = cipher.encrypt("secret-token", "x_accounts:1:refresh");
    expect(() => cipher.decrypt(sealed, cipher.keyId, "x_accounts:2:refresh")).toThrow();
    expect(() => cipher.decrypt(sealed, cipher.keyId, "x_accounts:1:access")).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(tampered, cipher.keyId, "x_accounts:1:refresh")).toThrow();
  });

  it("rotates: values under the previous key still open; new ones use the current key", () => {
    const before = createTokenCipher({ current: oldKey, previous: [] });
    const sealed = before.encrypt("old-token", "aad");
    const after = createTokenCipher({ current: newKey, previous: [oldKey] });
    expect(after.keyId).toBe(keyIdOf(newKey));
    expect(after.decrypt(sealed, before.keyId, "aad")).toBe("old-token");
    const dropped = createTokenCipher({ current: newKey, previous: [] });
    expect(() => dropped.decrypt(sealed, before.keyId, "aad")).toThrow(/X_TOKEN_PREVIOUS_KEYS/);
  });
});
