// Writes sft.jsonl, preference.jsonl, multi-turn.jsonl, any extra files (dpo.jsonl, …) and
// manifest.json into a folder,
// streaming with backpressure so memory stays flat at 400K rows.
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { SqlRunner } from "../db/client";
import type { Dataset } from "../db/schema";
import { buildManifest, emptyCounts, EXPORT_FILES, exportLines, type ExportFilters, type ExportKind, type ExportManifest, type FileCounts, type PreferredByRequest } from "./export-dataset";

export type ExtraExport = { file: string; lines: (counts: FileCounts) => AsyncGenerator<string> };

export async function exportToFolder(
  db: SqlRunner,
  dataset: Dataset,
  outDir: string,
  options: {
    filters?: ExportFilters;
    preferred?: PreferredByRequest;
    extras?: ExtraExport[];
    /** Manifest notes; a function is called after every file is written (notes can report counts). */
    notes?: string[] | (() => string[]);
    onRow?: (file: string, rows: number) => void;
  } = {},
): Promise<ExportManifest> {
  fs.mkdirSync(outDir, { recursive: true });
  const files: Record<string, FileCounts> = {};
  const jobs: { file: string; lines: (counts: FileCounts) => AsyncGenerator<string> }[] = (Object.keys(EXPORT_FILES) as ExportKind[]).map((kind) => ({
    file: EXPORT_FILES[kind],
    lines: (counts) => exportLines(db, dataset, kind, counts, options),
  }));
  for (const job of [...jobs, ...(options.extras ?? [])]) {
    const counts = emptyCounts();
    files[job.file] = counts;
    const out = fs.createWriteStream(path.join(outDir, job.file));
    let buffer = "";
    for await (const line of job.lines(counts)) {
      buffer += `${line}\n`;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer)) await once(out, "drain");
        buffer = "";
        options.onRow?.(job.file, counts.rows);
      }
    }
    out.end(buffer);
    await once(out, "finish");
    options.onRow?.(job.file, counts.rows);
  }
  const notes = typeof options.notes === "function" ? options.notes() : options.notes;
  const manifest = buildManifest(dataset, options.filters ?? {}, files, notes);
  fs.writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
