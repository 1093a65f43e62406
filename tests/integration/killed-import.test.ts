// An import stopped mid-way (cancelled between batches, or the CLI killed with SIGKILL) leaves
// only whole batches: every manifest row has its request and candidate, nothing dangles, and a
// re-run imports the rest with correct totals.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne } from "@/lib/db/rows";
import { pythonDumps } from "@/lib/manifest/python-json";
import type { DbHandle } from "@/lib/db/client";
import {
  collect,
  hasOpen,
  importInto,
  makeTempDir,
  reopen,
  spawnCli,
  testBackends,
  waitFor,
  type TestDatabase,
} from "@/lib/testing/test-db";

const scratch = makeTempDir("ripe-test-killed-");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `count` valid SFT lines with distinct output images, in the Python json.dumps style. */
function sftLines(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, index) =>
    pythonDumps(
      {
        open_image_input_url: `https://farm${(index % 9) + 1}.staticflickr.com/${1000 + index}/${tag}_${index}_o.jpg`,
        text: `Remove object ${index} from the scene and extend the background seamlessly, matching light and texture (${tag}).`,
        output_image: `images/positive-edit/${tag}-${index}.png`,
        edit_type: index % 3 === 0 ? "Remove an existing object" : "Add a new object to the scene",
        summarized_text: `Remove object ${index}.`,
      },
      true,
    ),
  );
}

const lf = (lines: string[]) => lines.map((line) => `${line}\n`).join("");

/** Whole rows only: no manifest row without its request and candidate, no request without its row. */
async function checkIntegrity(handle: DbHandle, datasetName: string) {
  const counts = await queryOne(
    handle,
    z.object({
      manifest_rows: col.int,
      requests: col.int,
      candidates: col.int,
      rows_missing_parts: col.int,
      requests_without_row: col.int,
    }),
    `WITH d AS (SELECT id FROM datasets WHERE name = $1)
     SELECT
       (SELECT count(*) FROM manifest_rows WHERE dataset_id = (SELECT id FROM d)) AS manifest_rows,
       (SELECT count(*) FROM requests WHERE dataset_id = (SELECT id FROM d)) AS requests,
       (SELECT count(*) FROM candidates WHERE dataset_id = (SELECT id FROM d)) AS candidates,
       (SELECT count(*) FROM manifest_rows m WHERE m.dataset_id = (SELECT id FROM d)
          AND (NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = m.request_id)
               OR NOT EXISTS (SELECT 1 FROM candidates c WHERE c.request_id = m.request_id AND c.image_path = m.key_image))) AS rows_missing_parts,
       (SELECT count(*) FROM requests r WHERE r.dataset_id = (SELECT id FROM d)
          AND NOT EXISTS (SELECT 1 FROM manifest_rows m WHERE m.request_id = r.id)) AS requests_without_row`,
    [datasetName],
  );
  expect(counts.rows_missing_parts, "manifest rows without request or candidate").toBe(0);
  expect(counts.requests_without_row, "requests without a manifest row").toBe(0);
  expect(counts.requests).toBe(counts.manifest_rows);
  expect(counts.candidates).toBe(counts.manifest_rows);
  return counts.manifest_rows;
}

/** CPU time used so far by a process (Linux /proc), in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /s, "")
    .split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}

describe.each(testBackends())("killed import on $name", (backend) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it("cancelled after the first batch: only whole rows, and a re-run completes the totals", async () => {
    database = await backend.create();
    const file = path.join(scratch, `cancel-${backend.name}.jsonl`);
    fs.writeFileSync(file, lf(sftLines(95, `cancel-${backend.name}`)));
    const controller = new AbortController();
    const [cancelled] = await importInto(database.handle, "cancel", [file], {
      batchSize: 10,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    expect(cancelled).toMatchObject({ status: "cancelled", imported: 10, bad: 0 });
    expect(await checkIntegrity(database.handle, "cancel")).toBe(10);

    const [rerun] = await importInto(database.handle, "cancel", [file], { batchSize: 10 });
    expect(rerun).toMatchObject({ status: "done", linesTotal: 95, imported: 85, unchanged: 10, bad: 0 });
    expect(await checkIntegrity(database.handle, "cancel")).toBe(95);
  });

  it.each([
    ["between batches", "idle"],
    ["in the middle of writing a batch", "busy"],
  ] as const)(
    "the import CLI killed with SIGKILL %s: committed batches are whole, the re-run completes",
    async (_, moment) => {
      database = await backend.create();
      const lines = sftLines(11_000, `kill-${moment}-${backend.name}`);
      // A FIFO as input: the CLI imports what was written (two full batches of 5000, 1000 left
      // pending) and then waits for more, so "between batches" is a known point.
      const fifo = path.join(scratch, `kill-${moment}-${backend.name}.fifo`);
      execFileSync("mkfifo", [fifo]);
      const writer = fs.openSync(fifo, fs.constants.O_RDWR); // never blocks, keeps the FIFO open
      const committed = async () =>
        (await queryOne(database!.handle, z.object({ n: col.int }), "SELECT count(*) AS n FROM manifest_rows")).n;
      try {
        if (database.backend === "pglite") await database.handle.close(); // the CLI takes the lock
        const child = spawnCli("import", ["--dataset", "killed", fifo], database);
        const finished = collect(child);
        try {
          await waitFor(() => hasOpen(child.pid!, fifo), { what: "the import CLI to open its input", timeoutMs: 90_000 });
          const baseline = cpuTicks(child.pid!);
          const stream = fs.createWriteStream("", { fd: writer, autoClose: false });
          // Resolves once everything is in the pipe, so no write is left blocked after the kill.
          const written = new Promise<void>((resolve, reject) => stream.write(lf(lines), (error) => (error ? reject(error) : resolve())));
          if (moment === "busy") {
            // PGlite: ~2.5 s of CPU after the input arrived is inside the first or second batch.
            // A server can be watched: the first batch is committed, the second is being written.
            if (database.backend === "postgres")
              await waitFor(async () => (await committed()) >= 5000, { what: "the first batch", timeoutMs: 90_000, intervalMs: 20 });
            else
              await waitFor(() => cpuTicks(child.pid!) - baseline > 250, {
                what: "the import to be under way",
                timeoutMs: 90_000,
                intervalMs: 20,
              });
          } else {
            await written;
            if (database.backend === "postgres") {
              await waitFor(async () => (await committed()) === 10_000, { what: "two committed batches", timeoutMs: 90_000 });
            } else {
              // PGlite works on the CLI's own thread: when its CPU time stops moving for 1.5 s,
              // both batches are done and it is blocked reading the FIFO.
              let last = -1;
              let stableSince = Date.now();
              await waitFor(
                () => {
                  const ticks = cpuTicks(child.pid!);
                  if (ticks !== last) [last, stableSince] = [ticks, Date.now()];
                  return Date.now() - stableSince > 1500;
                },
                { what: "the import CLI to go idle", timeoutMs: 90_000 },
              );
            }
          }
        } finally {
          child.kill("SIGKILL");
        }
        const run = await finished;
        expect(run.signal).toBe("SIGKILL");
      } finally {
        fs.closeSync(writer); // also ends a write still blocked on the pipe
      }

      // The killed process left its lock behind; opening again must see that it is stale.
      const handle = database.backend === "pglite" ? await reopen(database) : database.handle;
      const survived = await checkIntegrity(handle, "killed");
      if (moment === "idle") expect(survived).toBe(10_000);
      else expect([0, 5000, 10_000]).toContain(survived);

      const file = path.join(scratch, `kill-${moment}-${backend.name}.jsonl`);
      fs.writeFileSync(file, lf(lines));
      const [rerun] = await importInto(handle, "killed", [file]);
      expect(rerun).toMatchObject({ status: "done", linesTotal: 11_000, imported: 11_000 - survived, unchanged: survived, bad: 0 });
      expect(await checkIntegrity(handle, "killed")).toBe(11_000);
    },
    240_000,
  );
});
