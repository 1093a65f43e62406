// Where sign-in sends people back to, shared by proxy.ts and the page helper (no server imports:
// the proxy bundles this).

/** Set by proxy.ts on every page request, so a redirect to sign-in can come back here. */
export const PATH_HEADER = "x-ripe-path";

/** Only a path on this site: never send someone on to another origin after signing in. */
export function safeNext(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

export function signInPath(next: string | null): string {
  const safe = safeNext(next);
  return safe === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(safe)}`;
}
