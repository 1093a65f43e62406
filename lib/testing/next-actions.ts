// Calling server actions over plain HTTP, the way Next's client does, for benchmarks and tests
// that drive the built app without a browser: the action's id comes from the build's server
// reference manifest (by file and exported name), the request is a POST with a `Next-Action`
// header and the arguments as a JSON array, and the answer is React's flight format, whose
// row 1 is the action's return value (row 0 is the router's envelope).
import fs from "node:fs";
import path from "node:path";

type ManifestEntry = { filename?: string; exportedName?: string; workers?: Record<string, unknown> };

export type ActionRef = { id: string; file: string; name: string; page: string };

/** Every server action in a build, keyed by `<file>#<exportedName>` (file relative to the project). */
export function readActions(buildDir = path.join(process.cwd(), ".next")): Map<string, ActionRef> {
  const manifestPath = path.join(buildDir, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const actions = new Map<string, ActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    // Any page that imports the action can receive it; the action's own page is not needed.
    const worker = Object.keys(entry.workers ?? {}).find((name) => name.startsWith("app/") && name.endsWith("/page")) ?? "app/page";
    const page = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
    actions.set(`${entry.filename}#${entry.exportedName}`, { id, file: entry.filename, name: entry.exportedName, page });
  }
  return actions;
}

export function findAction(actions: Map<string, ActionRef>, file: string, name: string): ActionRef {
  const found = actions.get(`${file}#${name}`);
  if (!found) throw new Error(`No server action ${name} from ${file} in the build (is the build current?)`);
  return found;
}

/** A page path for the action with its dynamic segments filled (`[datasetId]` → 1 etc.). */
export function actionPath(ref: ActionRef, values: Record<string, string | number> = {}): string {
  return ref.page.replace(/\[(\w+)\]/g, (_, name: string) => String(values[name] ?? 1));
}

export type ActionCall = { status: number; value: unknown; text: string };

/** POSTs one action call and returns the HTTP status and the action's return value (row 1). */
export async function callAction(
  baseUrl: string,
  ref: ActionRef,
  args: unknown[],
  options: { headers?: Record<string, string>; path?: string } = {},
): Promise<ActionCall> {
  const response = await fetch(`${baseUrl}${options.path ?? actionPath(ref)}`, {
    method: "POST",
    headers: {
      "next-action": ref.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
      ...options.headers,
    },
    body: JSON.stringify(args),
    redirect: "manual",
  });
  const text = await response.text();
  return { status: response.status, value: flightRow(text, 1), text };
}

/** The JSON value of row `row` of a flight response (`<row>:<json>` lines), or undefined. */
export function flightRow(text: string, row: number): unknown {
  const prefix = `${row}:`;
  const line = text.split("\n").find((entry) => entry.startsWith(prefix));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(prefix.length));
  } catch {
    return undefined;
  }
}
