// Streams a dataset out in the Pico-Banana format with decisions applied. Rows read in chunks
// (keyset over manifest_rows), unchanged rows are their original bytes, changed rows have only
// the changed values rewritten. Works for a CLI writing files and for a streaming route.
import type { SqlRunner } from "../db/client";
import type { Dataset } from "../db/schema";
import { candidatesByOwner, manifestRowChunk, type ManifestRowRead } from "../db/queries/export-reads";
import { decideMultiTurn, decidePreference, decideSft, type ExportCandidate, type RowDecision } from "./decide";
import { replaceValues } from "../manifest/python-json";
import { rebuildSftLine } from "../manifest/sft-line";

export const EXPORT_FILES = { sft: "sft.jsonl", preference: "preference.jsonl", multi_turn: "multi-turn.jsonl" } as const;
export type ExportKind = keyof typeof EXPORT_FILES;

/** minGoldAccuracy: leave out the decisions of reviewers whose gold accuracy is below it (lib/db/queries/gold.ts). */
export type ExportFilters = { editTypes?: string[]; minGoldAccuracy?: number };

/** Verdicts that replace the stored ones for this export (decisions of low-gold-accuracy reviewers left out). */
export type VerdictOverrides = Map<number, { humanVerdict: string; effectiveVerdict: string; requestId: number; sessionId: number | null }>;

export type FileCounts = {
  rows: number;
  unchanged: number;
  changed: number;
  dropped: number;
  changedByHuman: number;
  droppedByHuman: number;
  dropReasons: Record<string, number>;
};

export type PreferredByRequest = Map<number, number>;

const CHUNK = 5000;

export function emptyCounts(): FileCounts {
  return { rows: 0, unchanged: 0, changed: 0, dropped: 0, changedByHuman: 0, droppedByHuman: 0, dropReasons: {} };
}

/** A candidate with the verdicts a gold-accuracy cut re-decided for it, if any (every export file takes them). */
export function overridden<C extends Pick<ExportCandidate, "id" | "humanVerdict" | "effectiveVerdict">>(
  candidate: C,
  overrides: VerdictOverrides | undefined,
): C {
  const override = overrides?.get(candidate.id);
  if (!override) return candidate;
  return {
    ...candidate,
    humanVerdict: override.humanVerdict as ExportCandidate["humanVerdict"],
    effectiveVerdict: override.effectiveVerdict as ExportCandidate["effectiveVerdict"],
  };
}

function apply(decision: RowDecision, raw: string, counts: FileCounts): string | null {
  if (decision.action === "keep") {
    counts.rows++;
    counts.unchanged++;
    return raw;
  }
  if (decision.action === "change") {
    counts.rows++;
    counts.changed++;
    if (decision.byHuman) counts.changedByHuman++;
    return replaceValues(raw, decision.changes);
  }
  counts.dropped++;
  if (decision.byHuman) counts.droppedByHuman++;
  counts.dropReasons[decision.reason] = (counts.dropReasons[decision.reason] ?? 0) + 1;
  return null;
}

/** Yields the lines (without newline) of one export file; `counts` is filled as it goes. */
export async function* exportLines(
  db: SqlRunner,
  dataset: Pick<Dataset, "id">,
  kind: ExportKind,
  counts: FileCounts,
  options: { filters?: ExportFilters; preferred?: PreferredByRequest; overrides?: VerdictOverrides } = {},
): AsyncGenerator<string> {
  // Rows whose candidates have overridden verdicts are decided from their candidates, never "as read".
  const touched = new Set<number>();
  for (const override of options.overrides?.values() ?? []) {
    if (kind === "multi_turn") {
      if (override.sessionId !== null) touched.add(override.sessionId);
    } else touched.add(override.requestId);
  }
  const editTypes = options.filters?.editTypes?.length ? options.filters.editTypes : null;
  let lastId = 0;
  for (;;) {
    const rows = await manifestRowChunk(db, { datasetId: dataset.id, kind, afterId: lastId, limit: CHUNK, editTypes });
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1].id;
    const column = kind === "multi_turn" ? "session_id" : "request_id";
    // Settled rows come out as read without their candidates: most rows, and the slowest part of
    // a PGlite export is moving rows from WASM into JavaScript.
    const isSettled = (row: (typeof rows)[number]) =>
      row.is_settled &&
      !(kind !== "multi_turn" && row.request_id !== null && options.preferred?.has(row.request_id)) &&
      !touched.has(row[column] ?? 0);
    const owners = rows.filter((row) => !isSettled(row)).map((row) => row[column] ?? 0);
    const byOwner = await candidatesByOwner(db, column, owners);
    // Verdicts without the reviewers left out by a gold-accuracy cut, when there is one.
    if (options.overrides?.size)
      for (const [owner, list] of byOwner)
        byOwner.set(
          owner,
          list.map((candidate) => overridden(candidate, options.overrides)),
        );
    for (const row of rows) {
      const raw = originalLine(row);
      if (isSettled(row)) {
        counts.rows++;
        counts.unchanged++;
        yield raw;
        continue;
      }
      const owner = row[column] ?? 0;
      const candidates = byOwner.get(owner) ?? [];
      const preferred = kind === "multi_turn" ? null : options.preferred?.get(owner);
      // An SFT row's output_image is its key: no need to parse the line for it.
      const decision =
        kind === "sft"
          ? decideSft(candidates, row.key_image ?? JSON.parse(raw).output_image, preferred)
          : kind === "preference"
            ? decidePreference(candidates, JSON.parse(raw), preferred)
            : decideMultiTurn(candidates);
      const line = apply(decision, raw, counts);
      if (line !== null) yield line;
    }
  }
}

/** The line as imported: stored, or re-created from its request when the import found that exact. */
function originalLine(row: ManifestRowRead): string {
  if (row.raw !== null) return row.raw;
  return rebuildSftLine(
    {
      source: row.source_image!,
      text: row.text!,
      outputImage: row.key_image!,
      editType: row.edit_type!,
      summarizedText: row.summarized_text!,
    },
    row.rebuild!,
  );
}

export const LICENCE_NOTE =
  "Pico-Banana-400K is licensed CC BY-NC-ND 4.0 (non-commercial, no derivatives) by Apple; its source images come from Open Images (Flickr, CC BY 2.0). " +
  "A dataset derived from it inherits those terms: check them before you share or train on this export.";

export type ExportManifest = {
  created_at: string;
  dataset: { name: string; base: string | null };
  rubric: { weights: Record<string, number>; threshold: number };
  filters: ExportFilters;
  files: Record<string, FileCounts>;
  rows_changed_by_human_decisions: number;
  rows_dropped_by_human_decisions: number;
  licence: string;
  notes: string[];
  /** Present when the export left out reviewers below a gold accuracy. */
  gold_filter?: {
    min_gold_accuracy: number;
    excluded_reviewers: string[];
    decisions_left_out: number;
    pair_labels_left_out: number;
    items_redecided: number;
  };
};

export function buildManifest(
  dataset: Dataset,
  filters: ExportFilters,
  files: Record<string, FileCounts>,
  notes: string[] = [],
): ExportManifest {
  const all = Object.values(files);
  return {
    created_at: new Date().toISOString(),
    dataset: { name: dataset.name, base: dataset.base },
    rubric: {
      weights: {
        instruction_compliance: dataset.weightCompliance,
        seamlessness: dataset.weightSeamlessness,
        preservation_balance: dataset.weightPreservation,
        technical_quality: dataset.weightQuality,
      },
      threshold: dataset.threshold,
    },
    filters,
    files,
    rows_changed_by_human_decisions: all.reduce((sum, counts) => sum + counts.changedByHuman, 0),
    rows_dropped_by_human_decisions: all.reduce((sum, counts) => sum + counts.droppedByHuman, 0),
    licence: LICENCE_NOTE,
    notes,
  };
}
