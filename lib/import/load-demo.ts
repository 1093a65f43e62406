// Loads the demo dataset (demo/, real photos and sharp-made edits) through the real importer.
import fs from "node:fs";
import path from "node:path";
import type { DbHandle } from "../db/client";
import { ensureDataset } from "../db/queries/datasets";
import { importFile, type ImportReport } from "./import-file";

export const DEMO_DATASET = "demo-real-photos";
export const DEMO_FILES = ["sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "judge-scores.jsonl", "decisions.jsonl"] as const;

export async function loadDemo(db: DbHandle, demoDir = path.join(process.cwd(), "demo")): Promise<ImportReport[]> {
  // The base is stored relative to the project so the folder can move.
  const base = path.relative(process.cwd(), demoDir) || ".";
  const dataset = await ensureDataset(db, DEMO_DATASET, { base, isDemo: true });
  const reports: ImportReport[] = [];
  for (const file of DEMO_FILES) {
    const full = path.join(demoDir, file);
    if (!fs.existsSync(full)) continue;
    reports.push(await importFile(db, { datasetId: dataset.id, file: full, label: file }));
  }
  return reports;
}
