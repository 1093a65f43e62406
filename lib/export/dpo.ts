import "server-only";
// dpo.jsonl: one preference pair per line for training code that wants (source, instruction,
// chosen, rejected) rows, each with its provenance (who decided and how; see
// lib/pairs/decide-pair.ts). both-bad.jsonl: the requests whose pairs reviewers labelled "both
// bad", as a list to regenerate. Both stream pairs in keyset chunks like the manifest exports.
import type { SqlRunner } from "../db/client";
import type { Dataset } from "../db/schema";
import { pairChunk } from "../db/queries/export-reads";
import { promptChains } from "../db/queries/pairs";
import { pythonDumps } from "../manifest/python-json";
import { decidePair, dpoRecord, type DpoPair } from "../pairs/decide-pair";
import type { PairOutcome } from "../pairs/preferred";
import { overridden, type ExportFilters, type FileCounts, type VerdictOverrides } from "./export-dataset";

export const DPO_FILE = "dpo.jsonl";
export const BOTH_BAD_FILE = "both-bad.jsonl";
const CHUNK = 2000;

export type PairExportOptions = { outcomes: ReadonlyMap<number, PairOutcome>; filters?: ExportFilters };

/** Pairs of the dataset in id order, in chunks, as DpoPair (turns pairs carry their prompt chain). */
async function* pairChunks(
  db: SqlRunner,
  dataset: Pick<Dataset, "id">,
  filters: ExportFilters | undefined,
  onlyIds?: readonly number[],
): AsyncGenerator<DpoPair[]> {
  const editTypes = filters?.editTypes?.length ? filters.editTypes : null;
  let lastId = 0;
  for (;;) {
    const rows = await pairChunk(db, { datasetId: dataset.id, afterId: lastId, limit: CHUNK, editTypes, onlyIds });
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1].id;
    const chains = await promptChains(
      db,
      rows.filter((row) => row.origin === "turns" && row.session_id !== null),
    );
    yield rows.map((row) => {
      const chain = chains.get(row.request_id);
      return {
        pairId: row.id,
        origin: row.origin,
        requestId: row.request_id,
        a: row.a,
        b: row.b,
        sourceImage: chain?.original ?? row.source_image,
        text: row.text,
        summarizedText: row.summarized_text,
        editType: row.edit_type,
        promptChain: chain?.prompts ?? null,
      };
    });
    if (rows.length < CHUNK) return;
  }
}

export type DpoTally = Record<"human" | "human_review" | "judge" | "manifest", number>;

/**
 * Lines of dpo.jsonl; `counts.dropReasons` gets tie / both_bad / split / undecided, `tally` who
 * decided. `overrides`: the verdicts a gold-accuracy cut re-decided (the cut's reviewers' pair
 * labels are already out of `outcomes`: registry.ts).
 */
export async function* dpoLines(
  db: SqlRunner,
  dataset: Pick<Dataset, "id">,
  counts: FileCounts,
  options: PairExportOptions & { tally?: DpoTally; overrides?: VerdictOverrides },
): AsyncGenerator<string> {
  for await (const chunk of pairChunks(db, dataset, options.filters)) {
    for (const stored of chunk) {
      // Verdicts re-decided by a gold-accuracy cut, as the manifest files take them.
      const pair = options.overrides?.size
        ? { ...stored, a: overridden(stored.a, options.overrides), b: overridden(stored.b, options.overrides) }
        : stored;
      const outcome = options.outcomes.get(pair.pairId);
      const decision = decidePair(pair, outcome);
      if (decision.kind === "drop") {
        // Counted per reason only: "rows dropped by human decisions" in manifest.json is about manifest rows.
        counts.dropped++;
        counts.dropReasons[decision.reason] = (counts.dropReasons[decision.reason] ?? 0) + 1;
        continue;
      }
      counts.rows++;
      if (options.tally) options.tally[decision.decidedBy]++;
      yield pythonDumps(dpoRecord(pair, decision, outcome), true);
    }
  }
}

/** Lines of both-bad.jsonl: one per request, with the images reviewers found both bad. */
export async function* bothBadLines(
  db: SqlRunner,
  dataset: Pick<Dataset, "id">,
  counts: FileCounts,
  options: PairExportOptions,
): AsyncGenerator<string> {
  const ids = [...options.outcomes.values()].filter((outcome) => outcome.outcome === "both_bad").map((outcome) => outcome.pairId);
  if (ids.length === 0) return;
  const byRequest = new Map<number, { pair: DpoPair; images: string[]; pairIds: number[]; reviewers: Set<string> }>();
  for await (const chunk of pairChunks(db, dataset, options.filters, ids)) {
    for (const pair of chunk) {
      const entry = byRequest.get(pair.requestId) ?? { pair, images: [], pairIds: [], reviewers: new Set<string>() };
      for (const image of [pair.a.imagePath, pair.b.imagePath]) if (!entry.images.includes(image)) entry.images.push(image);
      entry.pairIds.push(pair.pairId);
      for (const label of options.outcomes.get(pair.pairId)?.labels ?? [])
        if (label.label === "both_bad") entry.reviewers.add(label.reviewer);
      byRequest.set(pair.requestId, entry);
    }
  }
  for (const { pair, images, pairIds, reviewers } of byRequest.values()) {
    counts.rows++;
    // Pico-Banana field names, so the list can go straight back into a generation pipeline.
    yield pythonDumps(
      {
        open_image_input_url: pair.sourceImage,
        text: pair.promptChain && pair.promptChain.length > 1 ? pair.promptChain.join("\n") : pair.text,
        summarized_text: pair.summarizedText,
        edit_type: pair.editType,
        both_bad_images: images,
        pair_ids: pairIds,
        reviewers: [...reviewers],
      },
      true,
    );
  }
}
