import "server-only";
// The files an export offers, by name: the one place a new export file is added (a DPO-style
// JSONL, a preference-label-driven variant…). The download route, the CLI's folder writer
// (export-to-folder.ts), manifest.json's counts and the export page's list all iterate this map.
import type { SqlRunner } from "../db/client";
import type { Dataset } from "../db/schema";
import { BOTH_BAD_FILE, bothBadLines, DPO_FILE, dpoLines, type DpoTally } from "./dpo";
import {
  buildManifest,
  emptyCounts,
  EXPORT_FILES,
  exportLines,
  type ExportFilters,
  type ExportKind,
  type ExportManifest,
  type FileCounts,
} from "./export-dataset";
import { loadPreferenceDecisions, preferenceNotes, type PreferenceDecisions } from "./preferred";
import { goldExclusion, type GoldExclusion } from "../db/queries/gold";

export type ExportContext = { db: SqlRunner; dataset: Dataset; filters: ExportFilters };

export type ExportFileSource = {
  description: string;
  /** Yields the file's lines (no newline) and fills `counts` as it goes. */
  lines: (context: ExportContext, counts: FileCounts) => AsyncGenerator<string>;
};

// Human pair labels (each request's preferred candidate, each pair's outcome), loaded once per
// export context: every file of one download, dry run or folder sees the same decisions. A
// reviewer a gold-accuracy cut leaves out is left out of the pair labels too.
const decisionsByContext = new WeakMap<ExportContext, Promise<PreferenceDecisions>>();
function decisionsFor(context: ExportContext): Promise<PreferenceDecisions> {
  let decisions = decisionsByContext.get(context);
  if (!decisions) {
    decisions = exclusionFor(context).then((exclusion) =>
      loadPreferenceDecisions(context.db, context.dataset.id, new Set(exclusion?.excluded_reviewers ?? [])),
    );
    decisionsByContext.set(context, decisions);
  }
  return decisions;
}
// Reviewers left out below the chosen gold accuracy: computed once per export context, like the pair decisions.
const exclusionByContext = new WeakMap<ExportContext, Promise<GoldExclusion | null>>();
function exclusionFor(context: ExportContext): Promise<GoldExclusion | null> {
  let exclusion = exclusionByContext.get(context);
  if (!exclusion) {
    const minimum = context.filters.minGoldAccuracy;
    exclusion = minimum === undefined ? Promise.resolve(null) : goldExclusion(context.db, context.dataset.id, minimum);
    exclusionByContext.set(context, exclusion);
  }
  return exclusion;
}

/** What the gold-accuracy cut left out, in words for manifest.json and the CLI. */
export function goldNote(exclusion: GoldExclusion | null, pairLabelsLeftOut = 0): string[] {
  if (!exclusion) return [];
  const { excluded_reviewers: names, decisions_left_out: count, min_gold_accuracy: minimum } = exclusion;
  if (names.length === 0) return [`No reviewer is below gold accuracy ${minimum}: no decisions were left out.`];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [
    `Left out ${plural(count, "decision")} and ${plural(pairLabelsLeftOut, "pair label")} by ${plural(names.length, "reviewer")} below gold accuracy ${minimum} (${names.join(", ")}); ${plural(exclusion.overrides.size, "item")} re-decided without them.`,
  ];
}

/** Who decided each dpo.jsonl row, per run (manifest.json reports it). */
const dpoTallies = new WeakMap<FileCounts, DpoTally>();

const manifestKind = (kind: ExportKind, description: string): ExportFileSource => ({
  description,
  lines: async function* (context, counts) {
    const { preferred } = await decisionsFor(context);
    const overrides = (await exclusionFor(context))?.overrides;
    yield* exportLines(context.db, context.dataset, kind, counts, { filters: context.filters, preferred, overrides });
  },
});

export const EXPORT_SOURCES: Readonly<Record<string, ExportFileSource>> = {
  [EXPORT_FILES.sft]: manifestKind(
    "sft",
    "One passing edit per request; a human-preferred or better-scored pass replaces a failed output.",
  ),
  [EXPORT_FILES.preference]: manifestKind("preference", "Chosen (passing) edit with the attempts that fail under the current decisions."),
  [EXPORT_FILES.multi_turn]: manifestKind("multi_turn", "Sessions whose every turn passes; the edit-type filter does not apply."),
  [DPO_FILE]: {
    description:
      "One preference pair per line (instruction, source, chosen, rejected, edit type) with provenance: human pair labels, else verdicts, else the manifest. Ties and both-bad are left out.",
    lines: async function* (context, counts) {
      const tally: DpoTally = { human: 0, human_review: 0, judge: 0, manifest: 0 };
      dpoTallies.set(counts, tally);
      yield* dpoLines(context.db, context.dataset, counts, {
        outcomes: (await decisionsFor(context)).outcomes,
        filters: context.filters,
        tally,
        overrides: (await exclusionFor(context))?.overrides,
      });
    },
  },
  [BOTH_BAD_FILE]: {
    description: "Requests whose pairs reviewers labelled both bad, with those images: a list to regenerate.",
    lines: async function* (context, counts) {
      yield* bothBadLines(context.db, context.dataset, counts, {
        outcomes: (await decisionsFor(context)).outcomes,
        filters: context.filters,
      });
    },
  },
};

export const MANIFEST_FILE = "manifest.json";

export function isExportFile(name: string): boolean {
  return name === MANIFEST_FILE || Object.hasOwn(EXPORT_SOURCES, name);
}

/** Every export file of the context in registry order, each with the counts (kept in `files`) its lines fill. */
export function* exportFiles(
  context: ExportContext,
  files: Record<string, FileCounts>,
): Generator<{ name: string; lines: AsyncGenerator<string> }> {
  for (const [name, source] of Object.entries(EXPORT_SOURCES)) {
    const counts = emptyCounts();
    files[name] = counts;
    yield { name, lines: source.lines(context, counts) };
  }
}

/** manifest.json for the files of one run, once every one of them has been read to the end. */
export async function exportManifest(
  context: ExportContext,
  files: Record<string, FileCounts>,
  notes: string[] = [],
): Promise<ExportManifest> {
  const dpoCounts = files[DPO_FILE] ?? null;
  const tally = (dpoCounts && dpoTallies.get(dpoCounts)) ?? { human: 0, human_review: 0, judge: 0, manifest: 0 };
  const decisions = await decisionsFor(context);
  const pairNotes = preferenceNotes(decisions, tally, dpoCounts);
  const exclusion = await exclusionFor(context);
  const gold = goldNote(exclusion, decisions.labelsLeftOut);
  const manifest = buildManifest(context.dataset, context.filters, files, [...notes, ...pairNotes, ...gold]);
  if (!exclusion) return manifest;
  return {
    ...manifest,
    gold_filter: {
      min_gold_accuracy: exclusion.min_gold_accuracy,
      excluded_reviewers: exclusion.excluded_reviewers,
      decisions_left_out: exclusion.decisions_left_out,
      pair_labels_left_out: decisions.labelsLeftOut,
      items_redecided: exclusion.overrides.size,
    },
  };
}

/** manifest.json for a download: runs every file's export without keeping a line, so its counts are this run's. */
export async function countExport(context: ExportContext, signal?: AbortSignal): Promise<ExportManifest> {
  const files: Record<string, FileCounts> = {};
  for (const file of exportFiles(context, files)) {
    for await (const _line of file.lines) {
      if (signal?.aborted) throw new Error("export cancelled: the client went away");
    }
  }
  return exportManifest(context, files, [
    "Counts come from a dry run of the export at created_at; files downloaded separately are exported when requested and follow the decisions at that moment.",
  ]);
}
