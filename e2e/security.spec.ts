// The security review's findings, sent as an attacker on the same network would send them to the
// server that `npm start` runs (raw HTTP, so Host, Origin and bodies are exactly what we say), and
// each refused. Every route handler is found from the file tree and walked with malformed ids.
// Requests carry the owner's session cookie (an attacker with an account): what anonymous
// callers and accounts without a role get is e2e/permissions.spec.ts's.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { cookieHeader } from "./fixtures/accounts";
import { expect, test } from "./fixtures/test";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(
  appUrl: string,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const url = new URL(pathname, appUrl);
  return new Promise((resolve, reject) => {
    const headers = { cookie: cookieHeader("owner"), ...options.headers };
    const request = http.request(url, { method: options.method ?? "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

const ndjson = { "content-type": "application/x-ndjson" };
const DECISION_LINE = `${JSON.stringify({ image: "passwd", reviewer: "probe", verdict: "accept" })}\n`;
/** What a database error looks like (PostgreSQL and PGlite word them alike). */
const DB_TEXT = /relation "|syntax error at|out of range for type|violates [a-z ]*constraint|invalid input syntax|PGlite|at character \d+/i;

async function demoId(appUrl: string): Promise<number> {
  const home = await send(appUrl, "/");
  const match = /href="\/datasets\/(\d+)"/.exec(home.body);
  expect(match, "the home page links the demo dataset").not.toBeNull();
  return Number(match![1]);
}

test.describe("security: what an attacker on the network can't do", () => {
  test("an upload can't set an image base, so /etc/passwd and the environment stay unreadable", async ({ appUrl }) => {
    const origin = { origin: appUrl, ...ndjson };
    for (const base of ["/etc", "/proc/self", "http://127.0.0.1:1/"]) {
      const answer = await send(appUrl, `/api/imports?newDataset=probe-etc&base=${encodeURIComponent(base)}&name=p.jsonl`, {
        method: "POST",
        headers: origin,
        body: DECISION_LINE,
      });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error).toMatch(/base/);
    }
    expect((await send(appUrl, "/")).body).not.toContain("probe-etc");

    const created = await send(appUrl, "/api/imports?newDataset=probe-nobase&name=p.jsonl", {
      method: "POST",
      headers: origin,
      body: DECISION_LINE,
    });
    expect(created.status).toBe(202);
    const { datasetId } = JSON.parse(created.body) as { datasetId: number };
    for (const file of ["passwd", "environ", "../../../../etc/passwd"]) {
      const answer = await send(appUrl, `/api/images?d=${datasetId}&p=${encodeURIComponent(file)}`);
      expect(answer.status, file).toBeGreaterThanOrEqual(400);
      expect(answer.status, file).toBeLessThan(500);
      expect(answer.body).not.toMatch(/root:|PATH=/);
    }
  });

  test("the settings page refuses a base outside the image roots and keeps a good one", async ({ page, appUrl }) => {
    const id = await demoId(appUrl);
    await page.goto(`/datasets/${id}/settings`);
    await expect(page).toHaveTitle(/Settings · demo-real-photos · Ripe/);
    const field = page.getByTestId("dataset-base");
    await expect(field).toHaveValue("demo");
    for (const base of ["/etc", "/proc/self", "http://169.254.169.254/latest/"]) {
      await field.fill(base);
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByTestId("dataset-base-message")).toContainText(/not under an|does not exist/);
    }
    await page.reload();
    await expect(field).toHaveValue("demo");
    const image = await send(
      appUrl,
      `/api/images?d=${id}&p=${encodeURIComponent(`images/positive-edit/${fs.readdirSync("demo/images/positive-edit")[0]}`)}`,
    );
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toMatch(/^image\//);
  });

  test("only images are served from a base: no manifests, READMEs, or paths out of it", async ({ appUrl }) => {
    const id = await demoId(appUrl);
    for (const [file, status] of [
      ["sft.jsonl", 415],
      ["README.md", 415],
      ["../package.json", 403],
      ["images/../../package.json", 403],
      ["images/x.png\u0000", 403],
      ["file:///etc/passwd", 403],
    ] as const) {
      const answer = await send(appUrl, `/api/images?d=${id}&p=${encodeURIComponent(file)}`);
      expect(answer.status, file).toBe(status);
      expect(JSON.parse(answer.body).reason).toBeTruthy();
    }
    const remote = await send(appUrl, `/api/images?d=${id}&p=${encodeURIComponent("http://127.0.0.1:22/x.png")}`);
    expect(remote.status).toBe(403);
  });

  test("cross-site requests and foreign hosts are refused", async ({ appUrl }) => {
    const upload = (headers: Record<string, string>) =>
      send(appUrl, "/api/imports?newDataset=probe-csrf&name=p.jsonl", { method: "POST", headers, body: DECISION_LINE });
    expect((await upload({ origin: "http://evil.example", "content-type": "text/plain" })).status).toBe(403);
    expect((await upload({ origin: "http://evil.example", ...ndjson })).status).toBe(403);
    expect((await upload({ origin: appUrl, "content-type": "text/plain" })).status).toBe(415);
    expect((await upload({ origin: appUrl, "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await send(appUrl, "/")).body).not.toContain("probe-csrf");

    const port = new URL(appUrl).port;
    const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    expect((await send(appUrl, "/", { headers: rebound })).status).toBe(421);
    expect((await send(appUrl, "/api/images?d=1&p=x.png", { headers: rebound })).status).toBe(421);
    const action = await send(appUrl, "/", {
      method: "POST",
      headers: { ...rebound, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(action.status).toBe(421);
    // Health checks come from a load balancer addressing the instance: any Host, nothing revealed.
    const health = await send(appUrl, "/api/health", { headers: { host: `10.1.2.3:${port}` } });
    expect([health.status, JSON.parse(health.body)]).toEqual([200, { ok: true }]);
    const ready = await send(appUrl, "/api/ready", { headers: { host: `10.1.2.3:${port}` } });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true });
    const upload421 = await send(appUrl, "/api/imports?newDataset=probe-rebind&name=p.jsonl", {
      method: "POST",
      headers: { ...rebound, ...ndjson },
      body: DECISION_LINE,
    });
    expect(upload421.status).toBe(421);
  });

  test("a server action with a body that isn't JSON is a 4xx", async ({ appUrl }) => {
    const headers = { origin: appUrl, "next-action": "0".repeat(42) };
    const garbage = await send(appUrl, "/", {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      body: "{not json",
    });
    expect(garbage.status).toBe(400);
    const wrongType = await send(appUrl, "/", {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(wrongType.status).toBe(415);
    const unknown = await send(appUrl, "/", {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(unknown.status).toBeLessThan(500);
  });

  test("uploads have a size limit and one at a time per user", async ({ appUrl }) => {
    const big = Buffer.alloc(9 * 1024 * 1024, " ");
    const tooBig = await send(appUrl, "/api/imports?newDataset=probe-big&name=big.jsonl", {
      method: "POST",
      headers: { origin: appUrl, ...ndjson },
      body: big,
    });
    expect(tooBig.status).toBe(413);

    // First upload: headers and a little body, then hold the connection open.
    const url = new URL("/api/imports?newDataset=probe-slow&name=slow.jsonl", appUrl);
    const slow = http.request(url, {
      method: "POST",
      headers: { cookie: cookieHeader("owner"), origin: appUrl, ...ndjson, "transfer-encoding": "chunked" },
    });
    const slowAnswer = new Promise<number>((resolve, reject) => {
      slow.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      slow.on("error", reject);
    });
    slow.write(DECISION_LINE);
    await expect
      .poll(
        async () =>
          (
            await send(appUrl, "/api/imports?newDataset=probe-second&name=second.jsonl", {
              method: "POST",
              headers: { origin: appUrl, ...ndjson },
              body: DECISION_LINE,
            })
          ).status,
      )
      .toBe(429);
    slow.end(DECISION_LINE);
    expect(await slowAnswer).toBe(202);
  });

  test("every route handler answers malformed ids with a 4xx that carries no database text", async ({ appUrl }) => {
    test.setTimeout(180_000); // a few thousand requests, each with its session looked up
    const id = await demoId(appUrl);
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") routes.push(path.relative("app", dir));
      }
    };
    walk("app/api");
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const badIds = ["abc", "0", "-1", "1e3", "0x10", "99999999999", "2147483648", "%00", "1%20OR%201=1"];
    const seen: string[] = [];
    for (const route of routes) {
      const source = fs.readFileSync(path.join("app", route, "route.ts"), "utf8");
      const methods = ["GET", "POST"].filter((method) => new RegExp(`export (const|async function) ${method}\\b`).test(source));
      const segments = route.split("/");
      for (const bad of badIds) {
        // Each dynamic segment in turn gets the bad value; the others get a real id.
        for (let index = 0; index < segments.length; index++) {
          if (!segments[index].startsWith("[")) continue;
          const pathname =
            "/" +
            segments
              .map((segment, at) =>
                at === index ? bad : segment.startsWith("[") ? (segment === "[file]" ? "sft.jsonl" : String(id)) : segment,
              )
              .join("/");
          for (const method of methods) {
            const answer = await send(appUrl, pathname, {
              method,
              headers: method === "POST" ? { origin: appUrl, ...ndjson } : {},
              body: method === "POST" ? DECISION_LINE : undefined,
            });
            seen.push(`${method} ${pathname} ${answer.status}`);
            expect(answer.status, `${method} ${pathname}`).toBeLessThan(500);
            expect(answer.status, `${method} ${pathname}`).toBeGreaterThanOrEqual(400);
            expect(answer.body, `${method} ${pathname}`).not.toMatch(DB_TEXT);
          }
        }
        // Query-string ids and values.
        for (const query of [
          `d=${bad}&p=x.png`,
          `item=${bad}`,
          `sample=${bad}`,
          `pair=${bad}&queue=${bad}`,
          `dataset=${bad}&name=a.jsonl`,
          `limit=${bad}&cursor=${bad}`,
        ]) {
          const pathname = `/${route.replace(/\[file\]/, "sft.jsonl").replace(/\[[^\]]+\]/g, String(id))}?${query}`;
          for (const method of methods) {
            const answer = await send(appUrl, pathname, {
              method,
              headers: method === "POST" ? { origin: appUrl, ...ndjson } : {},
              body: method === "POST" ? DECISION_LINE : undefined,
            });
            expect(answer.status, `${method} ${pathname}`).toBeLessThan(500);
            if (answer.status >= 400) expect(answer.body, `${method} ${pathname}`).not.toMatch(DB_TEXT);
          }
        }
      }
    }
    expect(seen.length).toBeGreaterThan(100);
  });

  test("the judge-comparison route validates its judges", async ({ appUrl }) => {
    const id = await demoId(appUrl);
    const same = await send(appUrl, `/api/datasets/${id}/audit/compare?a=x&b=x`);
    expect(same.status).toBe(400);
    const unknown = await send(appUrl, `/api/datasets/${id}/audit/compare?a=${"z".repeat(300)}&b=metrics%2Fpixel-v1`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).field).toBe("a");
    const tooLong = await send(appUrl, `/api/datasets/${id}/audit/compare?a=${"z".repeat(301)}&b=y`);
    expect(tooLong.status).toBe(400);
  });

  test("pages with malformed ids are 404s, not 500s", async ({ appUrl }) => {
    const id = await demoId(appUrl);
    for (const pathname of [
      "/datasets/abc",
      "/datasets/99999999999",
      "/datasets/0/audit",
      `/datasets/${id}/items/abc`,
      `/datasets/${id}/items/99999999999`,
      `/datasets/${id}/queue/sample/abc`,
      `/datasets/${id}/queue/sample/99999999999`,
    ]) {
      const answer = await send(appUrl, pathname);
      expect(answer.status, pathname).toBe(404);
    }
  });

  test("responses carry security headers", async ({ appUrl }) => {
    const answer = await send(appUrl, "/");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.headers["x-powered-by"]).toBeUndefined();
  });
});
