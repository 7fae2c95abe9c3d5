import { describe, expect, it } from "vitest";
import { accountOf, checkPhrase, createPhrase, normalisePhrase, phraseWords } from "./phrase.ts";

// BIP-39's all-zero-entropy vector, and the phrase Hardhat and Anvil derive their first dev account from.
const ABANDON = `${"abandon ".repeat(11)}about`;
const HARDHAT = `${"test ".repeat(11)}junk`;

describe("recovery phrases", () => {
  it("derives the standard first account (m/44'/60'/0'/0/0) of known phrases", () => {
    expect(accountOf({ kind: "phrase", phrase: ABANDON }).address).toBe(
      "0x9858EfFD232B4033E47d90003D41EC34EcaEda94",
    );
    expect(accountOf({ kind: "phrase", phrase: HARDHAT }).address).toBe(
      "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    );
  });
  it("creates valid, different 12-word phrases", () => {
    const first = createPhrase();
    expect(phraseWords(first)).toHaveLength(12);
    expect(checkPhrase(first)).toEqual({ ok: true, phrase: first });
    expect(createPhrase()).not.toBe(first);
  });
  it("accepts a phrase typed with capitals and odd spacing", () => {
    const typed = `  ${HARDHAT.toUpperCase().replaceAll(" ", "  \n")}\n`;
    expect(normalisePhrase(typed)).toBe(HARDHAT);
    expect(checkPhrase(typed)).toEqual({ ok: true, phrase: HARDHAT });
  });
  it("refuses wrong lengths, unknown words and a bad checksum with a reason", () => {
    expect(checkPhrase("abandon about")).toMatchObject({ ok: false, reason: /has 2$|this has 2/ });
    expect(checkPhrase(HARDHAT.replace("junk", "jnuk"))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("word 12 (“jnuk”)"),
    });
    expect(checkPhrase(`${"abandon ".repeat(11)}abandon`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not form a valid phrase"),
    });
  });
  it("derives the account of an imported private key", () => {
    const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    expect(accountOf({ kind: "privateKey", key }).address).toBe(
      "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    );
  });
});
