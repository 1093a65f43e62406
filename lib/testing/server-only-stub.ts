// vitest runs server code outside Next; the real "server-only" throws there.
export {};
