// A small in-process cache: at most `size` entries, each kept for `ttlMs` after it was stored,
// the least recently used dropped first. For values that are cheap to be wrong about for a few
// seconds (a plan choice, never a result) and worth not recomputing on every request.

export type LruCache<K, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  clear(): void;
  readonly size: number;
};

export function createLruCache<K, V>(options: { size: number; ttlMs: number; now?: () => number }): LruCache<K, V> {
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<K, { value: V; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
      while (entries.size > options.size) entries.delete(entries.keys().next().value as K);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
