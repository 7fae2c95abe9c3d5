/**
 * Claim links created on this device, kept so the sender can share one again. Each link is
 * encrypted with AES-GCM under a key WebCrypto generated as non-extractable: the key can be used
 * by this origin but its bytes can never be read, so a copy of the stored records is useless
 * elsewhere. The link key's address (public on chain anyway) stays in clear to find a gift's link.
 */

/** One stored link: its key's address (lowercase), and the URL sealed with its IV. */
export type SealedLink = {
  linkKey: string;
  iv: Uint8Array<ArrayBuffer>;
  sealed: ArrayBuffer;
  createdAt: number;
};

/** Where the key and the sealed links live (IndexedDB in the browser). */
export type VaultStore = {
  getKey(): Promise<CryptoKey | undefined>;
  putKey(key: CryptoKey): Promise<void>;
  putLink(link: SealedLink): Promise<void>;
  allLinks(): Promise<SealedLink[]>;
};

export type LinkVault = {
  save(linkKey: string, url: string): Promise<void>;
  /** Every link this device can open again, by its key's address (lowercase). */
  load(): Promise<Map<string, string>>;
};

export function createLinkVault(
  store: VaultStore,
  subtle: SubtleCrypto = crypto.subtle,
): LinkVault {
  let key: Promise<CryptoKey> | null = null;
  const getKey = () => {
    key ??= store.getKey().then(async (existing) => {
      if (existing) return existing;
      const created = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
        "encrypt",
        "decrypt",
      ]);
      await store.putKey(created);
      return created;
    });
    return key;
  };
  return {
    async save(linkKey, url) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = new TextEncoder().encode(url);
      const sealed = await subtle.encrypt({ name: "AES-GCM", iv }, await getKey(), plain);
      await store.putLink({ linkKey: linkKey.toLowerCase(), iv, sealed, createdAt: Date.now() });
    },
    async load() {
      const links = new Map<string, string>();
      const secret = await getKey();
      for (const link of await store.allLinks()) {
        try {
          const plain = await subtle.decrypt({ name: "AES-GCM", iv: link.iv }, secret, link.sealed);
          links.set(link.linkKey, new TextDecoder().decode(plain));
        } catch {
          // Sealed under a key this browser no longer has (storage partly cleared): unreadable.
        }
      }
      return links;
    },
  };
}

const DB = "boon-links";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The browser's store: one IndexedDB database with the key and the sealed links. */
function indexedDbStore(idb: IDBFactory = indexedDB): VaultStore {
  const open = (() => {
    let db: Promise<IDBDatabase> | null = null;
    return () => {
      db ??= new Promise((resolve, reject) => {
        const req = idb.open(DB, 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore("keys");
          req.result.createObjectStore("links", { keyPath: "linkKey" });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return db;
    };
  })();
  const tx = async (name: "keys" | "links", mode: IDBTransactionMode) =>
    (await open()).transaction(name, mode).objectStore(name);
  return {
    getKey: async () => request((await tx("keys", "readonly")).get("link-key")),
    putKey: async (key) =>
      void (await request((await tx("keys", "readwrite")).put(key, "link-key"))),
    putLink: async (link) => void (await request((await tx("links", "readwrite")).put(link))),
    allLinks: async () => request((await tx("links", "readonly")).getAll()),
  };
}

let shared: LinkVault | null | undefined;

/** This browser's vault, or null where IndexedDB or WebCrypto is missing (nothing is kept then). */
export function linkVault(): LinkVault | null {
  if (shared === undefined) {
    const usable = typeof indexedDB !== "undefined" && Boolean(globalThis.crypto?.subtle);
    shared = usable ? createLinkVault(indexedDbStore()) : null;
  }
  return shared;
}
