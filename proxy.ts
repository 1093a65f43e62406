// Runs before every page, server action and better-auth's handler (route handlers under /api/ run
// the same checks in their wrapper, lib/http/route.ts, and the upload's body must not be buffered
// here): refuses a Host this server does not answer to (DNS rebinding), a cross-site state change,
// and a server-action body that is not what React sends, with a 4xx instead of an error from deep
// inside the framework. A page request without a session cookie goes to the sign-in page at once
// (an optimistic check: the pages, actions and routes check the session itself through lib/auth).
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_PREFIX } from "@/lib/auth/cookie";
import { PATH_HEADER, signInPath } from "@/lib/auth/paths";
import { checkHost, checkStateChange } from "@/lib/http/guards";

/** Pages anyone may open: signing in, the first-start screen and invite links (the page checks the link). */
const OPEN_PAGES = new Set(["/sign-in", "/setup"]);
const isOpenPage = (pathname: string) => OPEN_PAGES.has(pathname) || pathname.startsWith("/invite/");

const refuse = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });

export async function proxy(request: NextRequest) {
  const hostRefusal = checkHost(request.headers.get("host"));
  if (hostRefusal) return refuse(hostRefusal.status, hostRefusal.error);
  if (request.method === "POST" && request.headers.has("next-action")) {
    const originRefusal = checkStateChange(request, { needsBody: false });
    if (originRefusal) return refuse(originRefusal.status, originRefusal.error);
    const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type === "text/plain") {
      const body = await request.clone().text();
      try {
        JSON.parse(body);
      } catch {
        return refuse(400, "The server action's body is not JSON.");
      }
    } else if (type !== "multipart/form-data") {
      return refuse(415, `A server action takes text/plain (JSON) or multipart/form-data, not ${type || "no content type"}.`);
    }
  } else if (request.nextUrl.pathname.startsWith("/api/")) {
    const refusal = checkStateChange(request, { needsBody: false });
    if (refusal) return refuse(refusal.status, refusal.error);
  } else if (request.method === "GET" && !isOpenPage(request.nextUrl.pathname)) {
    const path = request.nextUrl.pathname + request.nextUrl.search;
    if (!getSessionCookie(request, { cookiePrefix: SESSION_COOKIE_PREFIX })) {
      return NextResponse.redirect(new URL(signInPath(path), request.url));
    }
    const headers = new Headers(request.headers);
    headers.set(PATH_HEADER, path);
    return NextResponse.next({ request: { headers } });
  }
  return NextResponse.next();
}

export const config = {
  // Route handlers under /api/ run the same host and origin checks in their wrapper
  // (lib/http/route.ts), so the proxy would only repeat them, at a cost on every image and JSON
  // request; better-auth's handler (/api/auth/) has no such wrapper and keeps the proxy. Health
  // checks come from a load balancer addressing the instance directly; the upload streams its body.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/(?!auth/)).*)"],
};
