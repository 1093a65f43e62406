// An SFT line's rows (request, candidate, manifest row) as COPY text, built when the line is
// checked, where a bulk load's checking worker does it on its own core: everything but the ids,
// which the importer knows only when it writes the batch (batch-sft.ts puts them in front).
// Before, the importing thread built every row field by field, and that and its garbage were a
// third of its time in a 400K load. Not server-only: the worker imports this.
import { CANDIDATE_COPY, facetKey, MANIFEST_COPY, REQUEST_COPY, type FacetWritten } from "../db/import-copy";
import type { SftRecord } from "../manifest/records";
import type { RebuildMode } from "../manifest/sft-line";
import { groupOf, isKnownEditType } from "../taxonomy";

/**
 * What a line's rows say besides its own fields: the dataset, the import run and the file's name.
 * isDatasetEmpty: the dataset held nothing when the import began, and nothing else writes to it
 * meanwhile (a bulk load's), so SFT lines before any line of another kind come without their raw
 * text (check-line.ts).
 */
export type RowContext = { datasetId: number; runId: number; file: string; isDatasetEmpty?: boolean };

/**
 * image: the candidate's output image (for the importer's lookups). request, candidate, manifest:
 * the rows after their ids (CopyTable.tail), written as `${requestId}${request}`,
 * `${candidateId},${requestId}${candidate}` and `${requestId}${manifest}`. facets: the
 * candidate's facetKey, for an unchecked COPY's tally.
 */
export type SftRows = { image: string; request: string; candidate: string; manifest: string; facets: string };

type Facets = { values: FacetWritten; key: string };

/** An SFT candidate's facets depend on the dataset, the edit type and whether both texts are the same: worked out once each. */
const facetCache = new Map<string, Facets>();
const MAX_CACHED_FACETS = 1000;

function sftFacets(datasetId: number, editType: string, isIdenticalText: boolean): Facets {
  const cacheKey = `${datasetId}\u0000${isIdenticalText}\u0000${editType}`;
  let facets = facetCache.get(cacheKey);
  if (facets) return facets;
  const values = {
    datasetId,
    editType,
    groupName: groupOf(editType),
    isKnownType: isKnownEditType(editType),
    effectiveVerdict: "pass",
    isInPair: false,
    isMultiTurn: false,
    isIdenticalText,
  };
  facets = { values, key: facetKey(values) };
  // A file of made-up edit types must not grow this without bound.
  if (facetCache.size >= MAX_CACHED_FACETS) facetCache.clear();
  facetCache.set(cacheKey, facets);
  return facets;
}

export function sftRows(
  context: RowContext,
  line: { record: SftRecord; raw: string; hash: string; lineNo: number; rebuild: RebuildMode | null },
): SftRows {
  const { record } = line;
  const facets = sftFacets(context.datasetId, record.edit_type, isIdentical(record.text, record.summarized_text));
  return {
    image: record.output_image,
    request: REQUEST_COPY.tail(["id"], {
      datasetId: context.datasetId,
      sourceImage: record.open_image_input_url,
      localSourceImage: record.local_input_image ?? null,
      text: record.text,
      summarizedText: record.summarized_text,
      editType: record.edit_type,
      sessionId: null,
      turn: null,
    }),
    candidate: CANDIDATE_COPY.tail(["id", "requestId"], {
      ...facets.values,
      imagePath: record.output_image,
      role: "sft",
      prior: "pass",
      attempt: attemptOf(record.output_image),
    }),
    manifest: MANIFEST_COPY.tail(["requestId"], {
      datasetId: context.datasetId,
      kind: "sft",
      lineHash: line.hash,
      keyImage: record.output_image,
      raw: line.rebuild ? null : line.raw,
      rebuild: line.rebuild,
      sourceFile: context.file,
      lineNo: line.lineNo,
      importRunId: context.runId,
      sessionId: null,
    }),
    facets: facets.key,
  };
}

/** `…_retry1.png` is the second attempt; a plain name is the first. */
export function attemptOf(imagePath: string): number {
  const match = /_retry(\d+)\.[a-z]+$/i.exec(imagePath);
  return match ? Number(match[1]) + 1 : 1;
}

export function isIdentical(text: string, summarized: string): boolean {
  return text.trim() === summarized.trim();
}
