import { describe, expect, it } from "vitest";
import { createLinkVault, type SealedLink, type VaultStore } from "./link-vault.ts";

function memoryStore() {
  let key: CryptoKey | undefined;
  const links = new Map<string, SealedLink>();
  const store: VaultStore = {
    getKey: async () => key,
    putKey: async (k) => {
      key = k;
    },
    putLink: async (link) => void links.set(link.linkKey, link),
    allLinks: async () => [...links.values()],
  };
  return { store, links, key: () => key };
}

const url = `https://boon.example/claim#key=0x${"12".repeat(32)}`;
const linkKey = "0xAbC0000000000000000000000000000000000001";

describe("the link vault", () => {
  it("gives back the links saved on this device, by their key's address", async () => {
    const memory = memoryStore();
    const vault = createLinkVault(memory.store);
    await vault.save(linkKey, url);
    expect(await vault.load()).toEqual(new Map([[linkKey.toLowerCase(), url]]));
    // A second vault over the same storage (a reload) reads them with the stored key.
    expect((await createLinkVault(memory.store).load()).get(linkKey.toLowerCase())).toBe(url);
  });

  it("stores the link encrypted, under a key whose bytes cannot be exported", async () => {
    const memory = memoryStore();
    await createLinkVault(memory.store).save(linkKey, url);
    const sealed = memory.links.get(linkKey.toLowerCase());
    expect(new TextDecoder().decode(sealed?.sealed)).not.toContain("claim#key=");
    expect(memory.key()?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("raw", memory.key() as CryptoKey)).rejects.toThrow();
  });

  it("skips links sealed under a key this browser lost", async () => {
    const memory = memoryStore();
    await createLinkVault(memory.store).save(linkKey, url);
    await memory.store.putKey(
      await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
        "encrypt",
        "decrypt",
      ]),
    );
    expect((await createLinkVault(memory.store).load()).size).toBe(0);
  });
});
