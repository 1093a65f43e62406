// GET /api/health: liveness for a load balancer or a supervisor. Touches nothing: a process that
// answers is alive. (Answers any Host: health checks use the instance's own address.)
import { route } from "@/lib/http/route";

// Permission: public (liveness).
export const GET = route({ permission: "public", isAnyHost: true, isDatabaseFree: true }, async () =>
  Response.json({ ok: true }, { headers: { "cache-control": "no-store" } }),
);
