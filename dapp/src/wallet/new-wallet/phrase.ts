import { validateMnemonic } from "@scure/bip39";
import { bytesToHex, type Hex, type LocalAccount } from "viem";
import { english, generateMnemonic, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

/** What the device keeps (encrypted): the recovery phrase, or a key imported from a keystore. */
export type WalletSecret = { kind: "phrase"; phrase: string } | { kind: "privateKey"; key: Hex };

/** A new 12-word BIP-39 recovery phrase (128 bits of entropy from the browser's CSPRNG). */
export function createPhrase(): string {
  return generateMnemonic(english, 128);
}

export const phraseWords = (phrase: string): string[] => phrase.split(" ");

/** How people type phrases: any spacing, capitals, a trailing newline. */
export function normalisePhrase(input: string): string {
  return input.trim().toLowerCase().split(/\s+/).join(" ");
}

export type PhraseCheck = { ok: true; phrase: string } | { ok: false; reason: string };

/** A typed recovery phrase, or the plain reason it cannot be one (typos are caught by BIP-39's checksum). */
export function checkPhrase(input: string): PhraseCheck {
  const phrase = normalisePhrase(input);
  const words = phrase === "" ? [] : phraseWords(phrase);
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    return { ok: false, reason: `A recovery phrase has 12 or 24 words; this has ${words.length}.` };
  }
  const known = new Set(english);
  const unknown = words.map((w, i) => ({ w, i })).filter(({ w }) => !known.has(w));
  if (unknown.length > 0) {
    const list = unknown.map(({ w, i }) => `${i + 1} (“${w}”)`).join(", ");
    return { ok: false, reason: `Not a recovery-phrase word: word ${list}. Check the spelling.` };
  }
  if (!validateMnemonic(phrase, english)) {
    return {
      ok: false,
      reason: "These words do not form a valid phrase: a word is wrong or out of order.",
    };
  }
  return { ok: true, phrase };
}

/** The account of a secret: for a phrase, the first account of the standard path m/44'/60'/0'/0/0. */
export function accountOf(secret: WalletSecret): LocalAccount {
  return secret.kind === "phrase"
    ? mnemonicToAccount(secret.phrase)
    : privateKeyToAccount(secret.key);
}

/** The secret's private key, for the keystore file (never shown on screen). */
export function privateKeyOf(secret: WalletSecret): Hex {
  if (secret.kind === "privateKey") return secret.key;
  const key = mnemonicToAccount(secret.phrase).getHdKey().privateKey;
  if (!key) throw new Error("the phrase derived no private key");
  return bytesToHex(key);
}
