import { describe, expect, it } from "vitest";
import { createLruCache } from "./lru-cache";

describe("createLruCache", () => {
  it("keeps a value until its time is up", () => {
    let clock = 1000;
    const cache = createLruCache<string, number>({ size: 4, ttlMs: 100, now: () => clock });
    cache.set("a", 1);
    clock += 99;
    expect(cache.get("a")).toBe(1);
    clock += 1;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("drops the least recently used entry past its size", () => {
    const cache = createLruCache<string, number>({ size: 2, ttlMs: 1000 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now more recent than b
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("replaces a value set again, and forgets everything on clear", () => {
    const cache = createLruCache<string, number>({ size: 2, ttlMs: 1000 });
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.get("a")).toBe(2);
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.get("a")).toBeUndefined();
  });
});
