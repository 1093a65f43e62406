// Every entry point, found from the file tree so a new one can't be forgotten: each route handler
// under app/api (its permission read from its route() spec), each server action under lib/actions
// (called over HTTP the way Next's client calls it: POST to a page that uses it, with the
// Next-Action header naming the action id from the build's server-reference manifest), and each
// page. Anonymous → 401 (pages: a redirect to sign-in), an account without a role → 403, a viewer →
// 403 for review and admin entry points (pages too: their permission is in lib/auth/dataset-pages),
// and no refused request wrote a row.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { DATASET_PAGES, type DatasetPage } from "../lib/auth/dataset-pages";
import { cookieHeader, type AccountName } from "./fixtures/accounts";
import { expect, test } from "./fixtures/test";

type Answer = { status: number; location?: string; body: string };
type Caller = AccountName | "anonymous";

function send(
  appUrl: string,
  pathname: string,
  who: Caller,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const headers: Record<string, string> = { ...options.headers, ...(who === "anonymous" ? {} : { cookie: cookieHeader(who) }) };
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(new URL(pathname, appUrl), { method: options.method ?? "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

function walk(dir: string, file: RegExp, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, file, found);
    else if (file.test(entry.name)) found.push(full);
  }
  return found;
}

/** better-auth's own endpoints: public by design (they are how one signs in). */
const PUBLIC_FILES = new Set(["app/api/auth/[...all]/route.ts"]);
const PUBLIC_ROUTES = new Set(["app/api/health/route.ts", "app/api/ready/route.ts"]);

/** A URL for a route file: the demo dataset for [datasetId], 1 for other ids, and the query a route needs to name its dataset. */
function urlFor(file: string, demo: number): string {
  const dir = path.dirname(path.relative("app", file));
  const pathname =
    "/" +
    dir
      .replace("[datasetId]", String(demo))
      .replace("[file]", "sft.jsonl")
      .replace(/\[[^\]]+\]/g, "1");
  if (pathname === "/api/images") return `${pathname}?d=${demo}&p=images/x.png`;
  if (pathname === "/api/imports") return `${pathname}?dataset=${demo}&name=a.jsonl`;
  return pathname;
}

type Entry = { name: string; permission: string; call: (who: Caller) => Promise<Answer> };

function routeEntries(appUrl: string, demo: number): Entry[] {
  const entries: Entry[] = [];
  for (const file of walk("app/api", /^route\.ts$/)) {
    if (PUBLIC_FILES.has(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    const exports = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\s*\{([^]*?)\}/g)];
    expect(exports.length, `${file} exports its handlers through route()`).toBeGreaterThan(0);
    for (const [, method, spec] of exports) {
      const permission = /permission: "([a-z-]+)"/.exec(spec)?.[1];
      expect(permission, `${method} ${file} declares a permission`).toBeTruthy();
      if (PUBLIC_ROUTES.has(file)) {
        expect(permission).toBe("public");
        continue;
      }
      expect(permission, `${file} is public but not listed as such`).not.toBe("public");
      const url = urlFor(file, demo);
      const hasBody = method !== "GET";
      entries.push({
        name: `${method} ${url}`,
        permission: permission!,
        call: (who) =>
          send(appUrl, url, who, {
            method,
            headers: hasBody ? { origin: appUrl, "content-type": "application/json" } : {},
            body: hasBody ? "{}" : undefined,
          }),
      });
    }
  }
  return entries;
}

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** What each action is called with: a dataset it names, or (for those that name something else) that thing. */
const ACTION_INPUTS: Record<string, (demo: number) => unknown> = { cancelImport: () => ({ jobId: "job-999999" }) };

function actionEntries(appUrl: string, demo: number): Entry[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const byFile = new Map(Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, { id, entry }]));
  const entries: Entry[] = [];
  for (const file of walk("lib/actions", /\.ts$/)) {
    const source = fs.readFileSync(file, "utf8");
    if (!source.startsWith('"use server"')) continue;
    for (const [, name, wrapper] of source.matchAll(/export const (\w+) = (action|publicAction)\(/g)) {
      if (wrapper === "publicAction") continue; // createOwner: tested on its own below
      const permission = /\{ permission: "([a-z-]+)"/.exec(source)?.[1];
      expect(permission, `${file} declares a permission`).toBeTruthy();
      const found = byFile.get(`${file}#${name}`);
      expect(found, `${name} (${file}) is in the build's server-reference manifest: is it used by a page?`).toBeTruthy();
      const worker = Object.keys(found!.entry.workers)[0];
      const page =
        "/" +
        worker
          .replace(/^app\//, "")
          .replace(/\/?page$/, "")
          .replace("[datasetId]", String(demo))
          .replace(/\[[^\]]+\]/g, "1");
      const input = ACTION_INPUTS[name]?.(demo) ?? { datasetId: demo };
      entries.push({
        name: `action ${name}`,
        permission: permission!,
        call: (who) =>
          send(appUrl, page, who, {
            method: "POST",
            headers: { origin: appUrl, "next-action": found!.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
            body: JSON.stringify([input]),
          }),
      });
    }
  }
  return entries;
}

/** An action answers 200 with an RSC payload; the wrapper's refusal carries the status. */
function actionStatus(answer: Answer): number {
  const status = /"ok":false,"error":"[^"]*","status":(\d{3})/.exec(answer.body)?.[1];
  return status ? Number(status) : answer.status;
}

const rowCounts = async (appUrl: string) =>
  JSON.parse((await send(appUrl, "/api/site/stats", "owner")).body).rows as Record<string, number>;

async function demoId(appUrl: string): Promise<number> {
  const home = await send(appUrl, "/", "owner");
  return Number(/href="\/datasets\/(\d+)"/.exec(home.body)![1]);
}

test("every route handler and server action: anonymous 401, no role 403, viewer 403 for review and admin, nothing written", async ({
  appUrl,
}) => {
  const demo = await demoId(appUrl);
  const routes = routeEntries(appUrl, demo);
  const actions = actionEntries(appUrl, demo);
  expect(routes.length).toBeGreaterThanOrEqual(18);
  expect(actions.length).toBeGreaterThanOrEqual(13);
  // An account's reviewer row is made on its first read that needs one (lib/db/queries/accounts):
  // make the viewer's now, so the count below measures what the refused requests wrote.
  expect((await send(appUrl, `/api/datasets/${demo}/candidates`, "viewer")).status).toBe(200);
  const before = await rowCounts(appUrl);
  const seen: string[] = [];
  for (const entry of [...routes, ...actions]) {
    const status = async (who: Caller) => {
      const answer = await entry.call(who);
      return entry.name.startsWith("action ") ? actionStatus(answer) : answer.status;
    };
    expect(await status("anonymous"), `${entry.name} anonymous`).toBe(401);
    if (entry.permission === "self") {
      // Personal entry points (one's own API tokens): any account may call them, on its own things only.
      expect([401, 403], `${entry.name} signed in (self)`).not.toContain(await status("outsider"));
      seen.push(`${entry.name} [self]`);
      continue;
    }
    expect(await status("outsider"), `${entry.name} without a role`).toBe(403);
    const asViewer = await status("viewer");
    if (entry.permission === "read") expect([401, 403], `${entry.name} viewer (read)`).not.toContain(asViewer);
    else expect(asViewer, `${entry.name} viewer (${entry.permission})`).toBe(403);
    seen.push(`${entry.name} [${entry.permission}] viewer ${asViewer}`);
  }
  expect(await rowCounts(appUrl)).toEqual(before);
  console.log(`${seen.length} entry points checked:\n${seen.join("\n")}`);
});

test("the first-start action refuses once an owner exists, and writes nothing", async ({ appUrl }) => {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const [id] = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === "createOwner")!;
  const before = await rowCounts(appUrl);
  const answer = await send(appUrl, "/setup", "anonymous", {
    method: "POST",
    headers: { origin: appUrl, "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: JSON.stringify([{ email: "second-owner@e2e.test", password: "second-owner-password" }]),
  });
  expect(answer.body).toContain("has an owner already");
  expect(await rowCounts(appUrl)).toEqual(before);
});

test("pages: anonymous → sign-in, no role → 403, a viewer reads the dataset's read pages and gets 403 on the others", async ({
  appUrl,
}) => {
  const demo = await demoId(appUrl);
  const routes = walk("app", /^page\.tsx$/)
    .map((file) => "/" + path.dirname(path.relative("app", file)).replace(/^\.$/, ""))
    .filter((page) => !["/sign-in", "/setup", "/invite/[token]"].includes(page));
  expect(routes.length).toBeGreaterThanOrEqual(15);
  for (const route of routes) {
    const page =
      route
        .replace("[datasetId]", String(demo))
        .replace(/\[[^\]]+\]/g, "1")
        .replace(/\/$/, "") || "/";
    const anonymous = await send(appUrl, page, "anonymous");
    expect(anonymous.status, page).toBeGreaterThanOrEqual(300);
    expect(anonymous.status, page).toBeLessThan(400);
    expect(anonymous.location, page).toMatch(/^\/sign-in/);
    if (!page.startsWith("/datasets/")) continue;
    expect((await send(appUrl, page, "outsider")).status, `${page} without a role`).toBe(403);
    // The page's permission from the one table the pages check (lib/auth/dataset-pages).
    const permission = DATASET_PAGES[route.replace("/datasets/[datasetId]", "") as DatasetPage];
    expect(permission, `${route} is in DATASET_PAGES`).toBeTruthy();
    const asViewer = await send(appUrl, page, "viewer");
    if (permission === "read") expect([200, 404], `${page} as viewer`).toContain(asViewer.status);
    else expect(asViewer.status, `${page} as viewer (${permission})`).toBe(403);
  }
  // The dataset's navigation links a viewer to the pages it may open only.
  const browse = (await send(appUrl, `/datasets/${demo}`, "viewer")).body;
  for (const suffix of ["/judge", "/settings", "/queue", "/assignments", "/adjudication"]) {
    expect(browse, `browse page links a viewer to ${suffix}`).not.toContain(`href="/datasets/${demo}${suffix}`);
  }
  expect((await send(appUrl, "/import", "viewer")).status).toBe(403);
});
