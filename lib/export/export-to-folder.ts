import "server-only";
// Writes every file of the export registry and manifest.json into a folder (the CLI, tests and
// the import benchmark), streaming with backpressure so memory stays flat at 400K rows.
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { SqlRunner } from "../db/client";
import type { Dataset } from "../db/schema";
import type { ExportFilters, ExportManifest, FileCounts } from "./export-dataset";
import { exportFiles, exportManifest, MANIFEST_FILE, type ExportContext } from "./registry";

const FLUSH_CHARS = 1 << 16;

export async function exportToFolder(
  db: SqlRunner,
  dataset: Dataset,
  outDir: string,
  options: { filters?: ExportFilters; onRow?: (file: string, rows: number) => void } = {},
): Promise<ExportManifest> {
  fs.mkdirSync(outDir, { recursive: true });
  const context: ExportContext = { db, dataset, filters: options.filters ?? {} };
  const files: Record<string, FileCounts> = {};
  for (const file of exportFiles(context, files)) {
    const counts = files[file.name];
    const out = fs.createWriteStream(path.join(outDir, file.name));
    let buffer = "";
    for await (const line of file.lines) {
      buffer += `${line}\n`;
      if (buffer.length > FLUSH_CHARS) {
        if (!out.write(buffer)) await once(out, "drain");
        buffer = "";
        options.onRow?.(file.name, counts.rows);
      }
    }
    out.end(buffer);
    await once(out, "finish");
    options.onRow?.(file.name, counts.rows);
  }
  const manifest = await exportManifest(context, files);
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
