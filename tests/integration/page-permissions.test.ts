// Dataset pages by role, on the real page components, session lookup and database: a viewer who
// opens a page for reviewers or admins (the judge, the settings, the queue…) gets Next's 403 page
// before anything renders, a reviewer gets it on the admin pages, the dataset's navigation links
// each account only to the pages it may open, and an item a viewer opens has no decision form.
// Next's request APIs are stood in for: the request's cookie (next/headers) and
// forbidden()/notFound()/redirect(), which throw as Next's do.
import fs from "node:fs";
import path from "node:path";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { DATASET_PAGES, type DatasetPage } from "@/lib/auth/dataset-pages";
import type { DatasetRole } from "@/lib/auth/roles";
import { setDatasetRole } from "@/lib/db/queries/accounts";
import { findDataset } from "@/lib/db/queries/datasets";
import { col, queryRows } from "@/lib/db/rows";
import { createAccountsFixture, signInRequest, testEnvironment, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: request.cookie, host: "127.0.0.1:3000" }) }));
vi.mock("next/server", () => ({ connection: async () => undefined }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { loadDatasetOr404 } = await import("@/lib/db/queries/load-dataset");
const { DatasetNav } = await import("@/components/dataset/dataset-nav");

const environment = testEnvironment();
const globals = globalThis as unknown as { ripeDb?: Promise<unknown>; ripeAuth?: Promise<unknown> };
const PAGE_DIR = path.join("app", "datasets", "[datasetId]");

function pageFiles(dir = PAGE_DIR, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pageFiles(full, found);
    else if (entry.name === "page.tsx") found.push(full);
  }
  return found;
}

/** The page's key in DATASET_PAGES: its folder below app/datasets/[datasetId] ("" for the browse page). */
const pageKey = (file: string) => {
  const relative = path.relative(PAGE_DIR, path.dirname(file)).split(path.sep).join("/");
  return relative ? `/${relative}` : "";
};

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("NEXT_")) return error.message;
    throw error;
  }
}

/** The hrefs of the links in a rendered element tree. */
function hrefs(node: ReactNode): string[] {
  if (Array.isArray(node)) return node.flatMap(hrefs);
  if (!isValidElement(node)) return [];
  const props = (node as ReactElement<{ href?: string; children?: ReactNode }>).props;
  return [...(typeof props.href === "string" ? [props.href] : []), ...hrefs(props.children)];
}

describe("every dataset page names its entry in DATASET_PAGES", () => {
  it("passes its own path to loadDatasetOr404, and the table has no page that does not exist", () => {
    const files = pageFiles();
    const keys = files.map(pageKey);
    expect(new Set(keys)).toEqual(new Set(Object.keys(DATASET_PAGES)));
    for (const file of files) {
      const key = pageKey(file);
      const source = fs.readFileSync(file, "utf8");
      const calls = [...source.matchAll(/loadDatasetOr404\(((?:[^()]|\([^()]*\))*)\)/g)].map((match) => match[1]);
      expect(calls.length, `${file} loads its dataset through loadDatasetOr404`).toBeGreaterThan(0);
      for (const args of calls) {
        const named = /,\s*"([^"]*)"\s*$/.exec(args)?.[1] ?? "";
        expect(named, `${file} checks the permission of ${JSON.stringify(key)}`).toBe(key);
      }
    }
  });
});

describe.each(testBackends())("dataset pages by role on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;
  let datasetId: number;
  const cookies = new Map<DatasetRole, string>();

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-page-permissions-", datasets: ["alpha"] });
    database = fixture.database;
    datasetId = (await findDataset(database.handle, "alpha"))!.id;
    environment.use({ RIPE_DATA_DIR: fixture.dir, RIPE_SIGN_IN_ATTEMPTS: "50" });
    const auth = createAuth(database.handle);
    globals.ripeDb = Promise.resolve(database.handle);
    globals.ripeAuth = Promise.resolve(auth);
    for (const role of ["viewer", "reviewer", "owner"] as const) {
      const email = `${role}@pages.test`;
      const password = `${role}-password-1`;
      const account = await createAccount(auth, database.handle, { email, password, role: "member" });
      await setDatasetRole(database.handle, datasetId, account.id, role);
      const answer = await signInRequest(auth, { email, password }, "10.9.0.1");
      expect(answer.status).toBe(200);
      cookies.set(role, (answer.headers.get("set-cookie") ?? "").split(";")[0]);
    }
  });
  afterAll(async () => {
    globals.ripeDb = undefined;
    globals.ripeAuth = undefined;
    environment.restore();
    await fixture?.dispose();
  });

  const as = (role: DatasetRole) => {
    request.cookie = cookies.get(role)!;
  };

  it("refuses a viewer the judge and settings pages themselves, before they render", async () => {
    as("viewer");
    const params = Promise.resolve({ datasetId: String(datasetId) });
    const searchParams = Promise.resolve({});
    const { default: JudgePage } = await import("@/app/datasets/[datasetId]/judge/page");
    const { default: SettingsPage } = await import("@/app/datasets/[datasetId]/settings/page");
    const { default: QueuePage } = await import("@/app/datasets/[datasetId]/queue/page");
    expect(await outcome(() => JudgePage({ params, searchParams }))).toBe("NEXT_FORBIDDEN");
    expect(await outcome(() => SettingsPage({ params }))).toBe("NEXT_FORBIDDEN");
    expect(await outcome(() => QueuePage({ params, searchParams }))).toBe("NEXT_FORBIDDEN");
    as("reviewer");
    expect(await outcome(() => JudgePage({ params, searchParams }))).toBe("NEXT_FORBIDDEN");
    expect(await outcome(() => SettingsPage({ params }))).toBe("NEXT_FORBIDDEN");
  });

  it("lets each role open exactly the pages its permission covers", async () => {
    const expected: Record<DatasetRole, (page: DatasetPage) => boolean> = {
      viewer: (page) => DATASET_PAGES[page] === "read",
      reviewer: (page) => DATASET_PAGES[page] !== "admin",
      owner: () => true,
    };
    for (const role of ["viewer", "reviewer", "owner"] as const) {
      as(role);
      for (const page of Object.keys(DATASET_PAGES) as DatasetPage[]) {
        const result = await outcome(() => loadDatasetOr404(String(datasetId), page));
        expect(result, `${role} on ${JSON.stringify(page)}`).toBe(expected[role](page) ? "ok" : "NEXT_FORBIDDEN");
      }
    }
  });

  it("shows a viewer an item without the decision form, a reviewer with it", async () => {
    const [candidate] = await queryRows(database.handle, z.object({ id: col.int }), "SELECT id FROM candidates ORDER BY id LIMIT 1");
    const { default: ItemPage } = await import("@/app/datasets/[datasetId]/items/[candidateId]/page");
    const canDecide = async (role: DatasetRole) => {
      as(role);
      const page = await ItemPage({
        params: Promise.resolve({ datasetId: String(datasetId), candidateId: String(candidate.id) }),
        searchParams: Promise.resolve({}),
      });
      return (page as ReactElement<{ canDecide: boolean }>).props.canDecide;
    };
    expect(await canDecide("viewer")).toBe(false);
    expect(await canDecide("reviewer")).toBe(true);
  });

  it("links a viewer to the read pages only, and an owner to every section", async () => {
    const suffixes = async (role: DatasetRole) => {
      as(role);
      const nav = await DatasetNav({ datasetId, name: "alpha", active: "" });
      return hrefs(nav).map((href) => href.replace(`/datasets/${datasetId}`, ""));
    };
    expect(await suffixes("viewer")).toEqual(["", "/pairs", "/audit", "/export"]);
    expect(await suffixes("reviewer")).toEqual(["", "/queue", "/pairs", "/audit", "/export"]);
    expect(await suffixes("owner")).toEqual([
      "",
      "/queue",
      "/assignments",
      "/adjudication",
      "/pairs",
      "/judge",
      "/audit",
      "/export",
      "/settings",
    ]);
  });
});
