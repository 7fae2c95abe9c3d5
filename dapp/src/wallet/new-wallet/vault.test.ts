import { beforeEach, describe, expect, it } from "vitest";
import { createPhrase } from "./phrase.ts";
import { storedWallet, WALLET_STORAGE_KEY } from "./stored-wallet.ts";
import {
  NoWalletError,
  PBKDF2_ITERATIONS,
  passcodeProblem,
  saveWallet,
  unlockWallet,
  WrongPasscodeError,
} from "./vault.ts";

const HARDHAT = `${"test ".repeat(11)}junk`;
const HARDHAT_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

beforeEach(() => localStorage.clear());

/** Everything this origin keeps in localStorage, as one string. */
const everythingStored = () =>
  Object.keys(localStorage)
    .map((key) => `${key}=${localStorage.getItem(key)}`)
    .join("\n");

/** Every string value this origin keeps in localStorage (JSON records read leaf by leaf). */
const storedValues = () =>
  Object.keys(localStorage)
    .flatMap((key) => {
      const raw = localStorage.getItem(key) ?? "";
      const leaves: string[] = [];
      try {
        JSON.parse(raw, (_field, value) => {
          if (typeof value === "string") leaves.push(value);
          return value;
        });
      } catch {
        leaves.push(raw);
      }
      return leaves;
    })
    .join("\n");

// Each save or unlock runs 600k PBKDF2 rounds.
describe("the wallet kept on this device", { timeout: 30_000 }, () => {
  it("unlocks with the passcode it was saved with", async () => {
    const address = await saveWallet({ kind: "phrase", phrase: HARDHAT }, "correct horse 1");
    expect(address).toBe(HARDHAT_ADDRESS);
    expect(storedWallet()?.address).toBe(HARDHAT_ADDRESS);
    const { secret, account } = await unlockWallet("correct horse 1");
    expect(secret).toEqual({ kind: "phrase", phrase: HARDHAT });
    expect(account.address).toBe(HARDHAT_ADDRESS);
  });

  it("refuses a wrong passcode with a clear error", async () => {
    await saveWallet({ kind: "phrase", phrase: HARDHAT }, "correct horse 1");
    const attempt = unlockWallet("correct horse 2");
    await expect(attempt).rejects.toBeInstanceOf(WrongPasscodeError);
    await expect(attempt).rejects.toThrow("That passcode does not unlock this wallet");
  });

  it("stores no word of the phrase and no key, only ciphertext under a 600k-round PBKDF2 key", async () => {
    const phrase = createPhrase();
    await saveWallet({ kind: "phrase", phrase }, "correct horse 1");
    // The values stored, not the record's own field names: "name", "salt", "address" and "wallet"
    // are BIP-39 words too, so a random phrase may hold one of them.
    const values = storedValues().toLowerCase();
    // Words of four letters or more: shorter ones turn up inside hex by chance ("bad", "face").
    for (const word of phrase.split(" ").filter((w) => w.length > 3))
      expect(values).not.toContain(word);
    expect(everythingStored().toLowerCase()).not.toContain("phrase");
    const record = JSON.parse(localStorage.getItem(WALLET_STORAGE_KEY) ?? "{}");
    expect(record.kdf).toMatchObject({ name: "PBKDF2", hash: "SHA-256" });
    expect(record.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(record.cipher.name).toBe("AES-GCM");
    expect(record.ciphertext).toMatch(/^[0-9a-f]{64,}$/);
  });

  it("stores no imported private key in the clear", async () => {
    const key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    await saveWallet({ kind: "privateKey", key }, "correct horse 1");
    expect(everythingStored()).not.toContain(key.slice(2, 18));
    expect((await unlockWallet("correct horse 1")).account.address).toBe(HARDHAT_ADDRESS);
  });

  it("refuses a record whose address was swapped (the address is authenticated)", async () => {
    await saveWallet({ kind: "phrase", phrase: HARDHAT }, "correct horse 1");
    const record = JSON.parse(localStorage.getItem(WALLET_STORAGE_KEY) ?? "{}");
    record.address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    localStorage.setItem(WALLET_STORAGE_KEY, JSON.stringify(record));
    await expect(unlockWallet("correct horse 1")).rejects.toBeInstanceOf(WrongPasscodeError);
  });

  it("says so when there is no wallet", async () => {
    await expect(unlockWallet("anything at all")).rejects.toBeInstanceOf(NoWalletError);
  });

  it("ignores a record it cannot read instead of failing", () => {
    localStorage.setItem(WALLET_STORAGE_KEY, "{not json");
    expect(storedWallet()).toBeNull();
    localStorage.setItem(WALLET_STORAGE_KEY, JSON.stringify({ version: 1, address: "0x1" }));
    expect(storedWallet()).toBeNull();
  });

  it("asks for passcodes of 8 characters or more, typed the same twice", () => {
    expect(passcodeProblem("short", "short")).toMatch(/at least 8/);
    expect(passcodeProblem("long enough", "long enuogh")).toMatch(/differ/);
    expect(passcodeProblem("long enough", "long enough")).toBeNull();
  });
});
