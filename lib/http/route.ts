import "server-only";
// The one wrapper every route handler goes through, the sibling of the action wrapper: it checks
// the Host and (for state-changing methods) the origin and content type, checks the permission
// the route declares (anonymous → 401, no role on the dataset → 403) before anything else is
// read, parses params and query with zod, opens the database, resolves the reviewer once, and
// turns every failure into a JSON answer with a 4xx status that says which field or what is
// missing. An unexpected error is logged and answered with a 500 that carries no database text.
import { z } from "zod";
import { AccessError, accountFromRequest, actorFor, authorize, type Account } from "../auth/access";
import type { Permission } from "../auth/roles";
import type { DbHandle } from "../db/client";
import { getDataset } from "../db/queries/datasets";
import type { Dataset, Reviewer } from "../db/schema";
import { getDb } from "../db/server";
import { idText } from "../ids";
import { ImageError } from "../images/errors";
import { checkHost, checkStateChange, STATE_CHANGING } from "./guards";

/** A database id in a URL path: digits only, and small enough for an int4 column (lib/ids). */
export const idSchema = idText;

export const datasetParams = z.object({ datasetId: idSchema });

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, what);

export type RouteContext<P, Q> = {
  request: Request;
  url: URL;
  params: P;
  query: Q;
  db: DbHandle;
  /** The signed-in account (null only on public routes). */
  account: Account | null;
  /** The signed-in account's reviewer (resolved once, on first use; public routes have none). */
  reviewer: () => Promise<Reviewer>;
  /** The dataset named by params.datasetId, or a 404. */
  dataset: (id: number) => Promise<Dataset>;
};

/** What the route needs; dataset permissions name the dataset by params.datasetId unless `dataset` says otherwise. */
export type RoutePermission = Permission | "public";

type ResolverInput<P, Q> = { params: P; query: Q; db: DbHandle; url: URL };
type DatasetResolver<P, Q> = (input: ResolverInput<P, Q>) => Promise<number | null> | number | null;

type RouteSpec<P extends z.ZodType, Q extends z.ZodType> = {
  params?: P;
  query?: Q;
  /** Required: "public" only for liveness/readiness and sign-in; the rest name what they need. */
  permission: RoutePermission;
  /** Where the dataset is when it is not params.datasetId (null: the route names none; site admins only). */
  dataset?: DatasetResolver<z.output<P>, z.output<Q>>;
  /** State-changing routes with a body: refuse content types a cross-site form can send. */
  hasBody?: boolean;
  /** Answer any Host (health checks from a load balancer use the instance's address). */
  isAnyHost?: boolean;
  /** Liveness: answer without opening the database (context.db must not be used). */
  isDatabaseFree?: boolean;
};

/** What a database-free route (liveness) gets as its handle: any use is a bug in that route. */
const NO_DATABASE: DbHandle = new Proxy({} as DbHandle, {
  get(_target, key) {
    throw new Error(`a route declared isDatabaseFree used the database (${String(key)})`);
  },
});

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

function describe(error: z.ZodError, where: string) {
  const first = error.issues[0];
  const field = first?.path.join(".") || where;
  return { error: error.issues.map((issue) => `${issue.path.join(".") || where}: ${issue.message}`).join("; "), field };
}

function datasetOf<P, Q>(spec: RouteSpec<z.ZodType<P>, z.ZodType<Q>>, input: ResolverInput<P, Q>) {
  if (spec.permission === "site-admin") return null;
  if (spec.dataset) return spec.dataset(input);
  const id = (input.params as { datasetId?: unknown }).datasetId;
  // A route that declares a dataset permission must name its dataset: failing here is a bug in the route.
  if (typeof id !== "number") throw new Error("route(): a dataset permission needs params.datasetId or a dataset resolver");
  return id;
}

export function route<P extends z.ZodType = z.ZodType<Record<string, never>>, Q extends z.ZodType = z.ZodType<Record<string, never>>>(
  spec: RouteSpec<P, Q>,
  handler: (context: RouteContext<z.output<P>, z.output<Q>>) => Promise<Response>,
) {
  const isPublic = spec.permission === "public";
  return async (request: Request, next?: NextRouteContext): Promise<Response> => {
    try {
      const refusal =
        (spec.isAnyHost ? null : checkHost(request.headers.get("host"))) ?? checkStateChange(request, { needsBody: spec.hasBody ?? false });
      if (refusal) return json(refusal.status, { error: refusal.error });
      let db: DbHandle;
      try {
        db = spec.isDatabaseFree ? NO_DATABASE : await getDb();
      } catch (error) {
        console.error("database unavailable", error);
        return json(503, { error: "The database is not reachable; try again shortly." });
      }
      // A session cookie, or an API token (Authorization: Bearer ripe_…): route handlers take both.
      const account = isPublic ? null : await accountFromRequest(db, request.headers);
      // Anonymous callers are refused before their input is even read.
      if (!isPublic && !account) return json(401, { error: "Sign in to use Ripe (or send a valid API token)." });
      if (account?.isReadOnly && STATE_CHANGING.has(request.method)) {
        return json(403, { error: "This API token is read-only; it may not change anything." });
      }
      const url = new URL(request.url);
      const rawParams = (await next?.params) ?? {};
      const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success) return json(400, describe(params.error, "path"));
      // A dataset named by the path (or none: site admin) is checked before the query is read, so
      // a caller without the role learns nothing about it; a resolver may need the query.
      const isEarly = !isPublic && !spec.dataset;
      if (isEarly)
        await authorize(
          db,
          account,
          spec.permission as Permission,
          datasetOf(spec, { params: params.data, query: {}, db, url }) as number | null,
        );
      const query = spec.query ? spec.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: {} };
      if (!query.success) return json(400, describe(query.error, "query"));
      const input = { params: params.data as z.output<P>, query: query.data as z.output<Q>, db };
      if (!isPublic && !isEarly) await authorize(db, account, spec.permission as Permission, await datasetOf(spec, { ...input, url }));
      const actor = account ? actorFor(db, account) : null;
      return await handler({
        request,
        url,
        ...input,
        account,
        reviewer: () => (actor ? actor.reviewer() : Promise.reject(new HttpError(401, "Sign in to use Ripe."))),
        dataset: async (id) => {
          const found = await getDataset(db, id);
          if (!found) throw notFound(`No dataset ${id}.`);
          return found;
        },
      });
    } catch (error) {
      if (error instanceof AccessError) return json(error.status, { error: error.message });
      if (error instanceof HttpError) return json(error.status, { error: error.message, ...error.extra });
      if (error instanceof ImageError) return json(error.status, { error: error.message, reason: error.reason });
      if (error instanceof z.ZodError) return json(400, describe(error, "input"));
      if (request.signal.aborted) return new Response(null, { status: 499 });
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return json(500, { error: "The server failed to answer this request; the details are in its log." });
    }
  };
}
