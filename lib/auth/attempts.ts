// Sign-in attempts per account (better-auth limits per address; this adds the per-account side,
// so guessing one person's password from many addresses is slowed too). In memory per instance:
// a limit, not a ledger.

export type AttemptLimiter = { isAllowed(key: string, now?: number): boolean; reset(): void };

export function attemptLimiter(max: number, windowMs: number): AttemptLimiter {
  const seen = new Map<string, number[]>();
  return {
    isAllowed(key, now = Date.now()) {
      const recent = (seen.get(key) ?? []).filter((time) => now - time < windowMs);
      if (recent.length >= max) {
        seen.set(key, recent);
        return false;
      }
      recent.push(now);
      seen.set(key, recent);
      // Keep the map bounded: forget keys with nothing recent once it grows.
      if (seen.size > 10_000) for (const [other, times] of seen) if (times.every((time) => now - time >= windowMs)) seen.delete(other);
      return true;
    },
    reset: () => seen.clear(),
  };
}
