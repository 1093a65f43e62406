// What an import's COPYs write: the columns of each table's rows (named from the drizzle schema,
// csv.ts) and the key its facet tally groups candidates by. Not server-only: the checking worker
// of a bulk load builds SFT rows with them (lib/import/sft-rows.ts), ids aside, so the columns an
// id fills come first.
import { copyTable } from "./csv";
import { candidates, manifestRows, requests, requestTerms } from "./schema";

/** The columns a batch writes, by COPY (one per table per batch). */
export const REQUEST_COPY = copyTable(requests, [
  "id",
  "datasetId",
  "sourceImage",
  "localSourceImage",
  "text",
  "summarizedText",
  "editType",
  "sessionId",
  "turn",
]);
export const CANDIDATE_COPY = copyTable(candidates, [
  "id",
  "requestId",
  "datasetId",
  "imagePath",
  "role",
  "prior",
  "attempt",
  "editType",
  "groupName",
  "isKnownType",
  "isMultiTurn",
  "isInPair",
  "isIdenticalText",
  "effectiveVerdict",
]);
export const MANIFEST_COPY = copyTable(manifestRows, [
  "requestId",
  "datasetId",
  "kind",
  "lineHash",
  "keyImage",
  "raw",
  "rebuild",
  "sourceFile",
  "lineNo",
  "importRunId",
  "sessionId",
]);

/** A request's search words (lib/search/terms.ts), written beside it unless a bulk load defers them. */
export const TERMS_COPY = copyTable(requestTerms, ["requestId", "terms"]);

/** The facet columns an imported candidate row writes. */
export type FacetWritten = {
  datasetId: number;
  editType: string;
  groupName: string;
  isKnownType: boolean;
  effectiveVerdict: string;
  isInPair: boolean;
  isMultiTurn: boolean;
  isIdenticalText: boolean;
};

const FACET_KEYS = [
  "datasetId",
  "editType",
  "groupName",
  "isKnownType",
  "effectiveVerdict",
  "isInPair",
  "isMultiTurn",
  "isIdenticalText",
] as const satisfies readonly (keyof FacetWritten)[];

/** The facet tally's group of a candidate row (facet-tally.ts): its facet values as JSON, in a fixed order. */
export function facetKey(row: FacetWritten): string {
  return JSON.stringify(FACET_KEYS.map((key) => row[key]));
}

/** The facet values of a facetKey. */
export function facetsOfKey(key: string): FacetWritten {
  const values = JSON.parse(key) as unknown[];
  return Object.fromEntries(FACET_KEYS.map((name, index) => [name, values[index]])) as FacetWritten;
}
