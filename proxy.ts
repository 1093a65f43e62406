// Runs before every page, server action and route handler (but the upload route, whose body must
// not be buffered here; it runs the same checks in the route wrapper): refuses a Host this server
// does not answer to (DNS rebinding), a cross-site state change, and a server-action body that is
// not what React sends, with a 4xx instead of an error from deep inside the framework.
import { NextResponse, type NextRequest } from "next/server";
import { checkHost, checkStateChange } from "@/lib/http/guards";

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
  }
  return NextResponse.next();
}

export const config = {
  // The upload streams its body (the route checks host and origin itself); health checks come
  // from a load balancer addressing the instance directly.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/imports$|api/health$|api/ready$).*)"],
};
