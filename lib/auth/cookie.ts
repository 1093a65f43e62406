// The prefix of Ripe's session cookies (ripe.session_token; __Secure-ripe.… behind https), shared
// by better-auth's options and proxy.ts, which only looks whether one is there.
export const SESSION_COOKIE_PREFIX = "ripe";
