/**
 * A small in-process cache with a lifetime per entry and a size bound (oldest entries go first),
 * which also shares one in-flight load between concurrent callers of the same key. Failed loads are
 * not cached.
 */
export type TtlCache<V> = {
  /** The cached value, or `load()`'s, kept for `ttlMs(value)` (0 = not kept). */
  get(key: string, load: () => Promise<V>): Promise<V>;
  delete(key: string): void;
  clear(): void;
};

export function createTtlCache<V>(options: {
  ttlMs: (value: V) => number;
  maxEntries?: number;
  now?: () => number;
}): TtlCache<V> {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: V; expiresAt: number }>();
  const loading = new Map<string, Promise<V>>();

  function keep(key: string, value: V): void {
    const ttl = options.ttlMs(value);
    if (ttl <= 0) return;
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttl });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    async get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value;
      if (hit) entries.delete(key);
      const pending = loading.get(key);
      if (pending) return pending;
      const started = load()
        .then((value) => {
          keep(key, value);
          return value;
        })
        .finally(() => loading.delete(key));
      loading.set(key, started);
      return started;
    },
    delete: (key) => entries.delete(key),
    clear: () => entries.clear(),
  };
}
