// Request checks that hold before any handler runs (proxy.ts for pages and actions, the route
// wrapper for route handlers): the Host must be one this server answers to (a DNS-rebinding page
// sends its own name), and a state-changing request must come from this origin with a content
// type no cross-site form can send (so a browser would have asked first, and Ripe answers no).
import { env } from "../env";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const ANY_ADDRESS = new Set(["0.0.0.0", "::", "[::]"]);
/** What an HTML form or a "simple" fetch can send without a CORS preflight. */
const SIMPLE_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);
export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type Refusal = { status: number; error: string };

function hostParts(host: string): { name: string; withPort: string } {
  const lower = host.trim().toLowerCase();
  const name = lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d+$/, "");
  return { name, withPort: lower };
}

/** Host names (and host:port entries) this server answers to. */
export function allowedHosts(): Set<string> {
  const settings = env();
  const hosts = new Set(LOOPBACK);
  if (!ANY_ADDRESS.has(settings.HOST)) hosts.add(settings.HOST.toLowerCase());
  if (settings.RIPE_PUBLIC_URL) hosts.add(settings.RIPE_PUBLIC_URL.host.toLowerCase()).add(settings.RIPE_PUBLIC_URL.hostname.toLowerCase());
  for (const entry of settings.RIPE_ALLOWED_HOSTS) hosts.add(entry.toLowerCase());
  return hosts;
}

export function checkHost(host: string | null): Refusal | null {
  if (!host) return { status: 400, error: "The request has no Host header." };
  const { name, withPort } = hostParts(host);
  const hosts = allowedHosts();
  if (hosts.has(name) || hosts.has(withPort)) return null;
  return {
    status: 421,
    error: `This Ripe server does not answer to the host "${host.slice(0, 100)}". The operator sets the public address with RIPE_PUBLIC_URL (or more names with RIPE_ALLOWED_HOSTS).`,
  };
}

/** For POST/PUT/PATCH/DELETE route handlers: same origin, and a content type a form can't send. */
export function checkStateChange(request: Request, options: { needsBody: boolean }): Refusal | null {
  if (!STATE_CHANGING.has(request.method)) return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (!originHost || originHost !== host?.toLowerCase()) {
      return {
        status: 403,
        error: `Cross-site request refused: a page on ${origin.slice(0, 100)} may not change data on this Ripe server.`,
      };
    }
  } else {
    const site = request.headers.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") return { status: 403, error: "Cross-site request refused." };
  }
  if (options.needsBody) {
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!type || SIMPLE_TYPES.has(type)) {
      return {
        status: 415,
        error: `Content-Type ${type || "(none)"} is not accepted here: send application/x-ndjson, application/octet-stream or application/json.`,
      };
    }
  }
  return null;
}
