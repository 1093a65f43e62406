// Shared pieces of one import batch: the lines it holds, id reservation, and the row writers
// that turn records into COPY-ready CSV for requests, candidates and manifest rows.
import type { SqlRunner } from "../db/client";
import { CsvBytes } from "../db/csv";
import { CANDIDATE_COPY, MANIFEST_COPY, REQUEST_COPY, TERMS_COPY } from "../db/import-copy";
import { candidatesWithImages, copyImportRows, FacetTally, reserveIds, sftOwnerLines, storedLineHashes } from "../db/queries/import-rows";
import { copyImportRowsUnchecked } from "../db/queries/import-rows-unchecked";
import type { CandidateRole, ManifestKind } from "../db/schema";
import { termsAndWords } from "../search/terms";
import { addSearchWords } from "../db/queries/search-words";
import { groupOf, isKnownEditType } from "../taxonomy";
import type { BulkMemory } from "./bulk-memory";
import type { SftRows } from "./sft-rows";

export const MULTI_TURN_EDIT_TYPE = "Multi-turn edit (no edit type in manifest)";
export const MULTI_TURN_GROUP = "Multi-turn";

/** terms: the search words of the request it creates, when the checking step computed them (check-line.ts). */
export type BatchLine<R> = { lineNo: number; raw: string; hash: string; record: R; terms?: string | null };

/** An SFT line comes with its rows built (sft-rows.ts) instead of its record. */
export type SftBatchLine = { lineNo: number; raw: string | null; hash: string; rows: SftRows; terms: string };

export type BatchContext = {
  tx: SqlRunner;
  memory?: BulkMemory;
  /**
   * A bulk load writes requests without their search words. With `deferredTerms` it collects
   * their rows there (COPY lines of request_terms) for the search build to load in one go after
   * the rows are browsable; without, the background build computes them (lib/jobs/search-job.ts).
   */
  isSearchDeferred?: boolean;
  deferredTerms?: CsvBytes;
  datasetId: number;
  file: string;
  runId: number;
  /**
   * Write rows with unchecked COPYs (copyImportRowsUnchecked): a PGlite bulk load whose tables
   * allow it. The batch then counts its candidates' facets itself.
   */
  unchecked?: boolean;
  /** Problems to report against a line (the line is not imported). */
  fail(lineNo: number, field: string, problem: string): void;
  /** Notes that do not stop a line from being imported (collisions, duplicates). */
  warn(lineNo: number, field: string, problem: string): void;
};

export type BatchResult = { imported: number; unchanged: number; touchedCandidates: number[] };

export { reserveIds };

/** Which of these line hashes the dataset already holds for this kind. */
export async function knownHashes(context: BatchContext, kind: ManifestKind, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { memory } = context;
  if (memory) return new Set(hashes.filter((hash) => memory.hasLine(kind, hash)));
  return storedLineHashes(context.tx, context.datasetId, kind, hashes);
}

/** request id → "FILE:LINE" of the SFT row describing it, for those requests that have one. */
export async function sftOwners(context: BatchContext, requestIds: number[]): Promise<Map<number, string>> {
  const owners = new Map<number, string>();
  if (requestIds.length === 0) return owners;
  if (context.memory) {
    for (const id of requestIds) {
      const lineNo = context.memory.sftLineOf(id);
      if (lineNo !== undefined) owners.set(id, `${context.file}:${lineNo}`);
    }
    return owners;
  }
  return sftOwnerLines(context.tx, context.datasetId, requestIds);
}

export type RequestInput = {
  id: number;
  sourceImage: string;
  localSourceImage?: string | null;
  text: string;
  summarizedText: string;
  editType: string;
  sessionId?: number | null;
  turn?: number | null;
  /** The search words, when already computed (check-line.ts); else computed here. */
  terms?: string | null;
};

export type CandidateInput = {
  id: number;
  requestId: number;
  imagePath: string;
  role: CandidateRole;
  prior: "pass" | "fail" | "none";
  attempt?: number | null;
  editType: string;
  isMultiTurn?: boolean;
  isInPair?: boolean;
  isIdenticalText: boolean;
};

export type ManifestRowInput = {
  kind: ManifestKind;
  hash: string;
  keyImage: string | null;
  raw: string;
  /** Set when the raw line is re-creatable from the request (see manifestRows.rebuild): not stored. */
  rebuild?: "ascii" | "utf8" | null;
  lineNo: number;
  requestId?: number | null;
  sessionId?: number | null;
};

/** Accumulates rows of one batch and writes them with one COPY per table. */
export class RowWriter {
  private requests = new CsvBytes();
  private terms = new CsvBytes();
  private candidates = new CsvBytes();
  private manifest = new CsvBytes();
  /** Words of the terms computed here (lines checked beforehand bring theirs: import-file.ts). */
  private words = new Set<string>();
  private readonly facets = new FacetTally();

  constructor(private readonly context: BatchContext) {}

  request(input: RequestInput) {
    this.requests.append(
      REQUEST_COPY.row({
        id: input.id,
        datasetId: this.context.datasetId,
        sourceImage: input.sourceImage,
        localSourceImage: input.localSourceImage ?? null,
        text: input.text,
        summarizedText: input.summarizedText,
        editType: input.editType,
        sessionId: input.sessionId ?? null,
        turn: input.turn ?? null,
      }),
    );
    this.addTerms(input.id, () => input.terms ?? this.termsOf(input.text, input.summarizedText));
  }

  /** A request's search words (`terms`: called only when they are written now or deferred). */
  private addTerms(id: number, terms: () => string) {
    const { isSearchDeferred, deferredTerms } = this.context;
    if (isSearchDeferred && !deferredTerms) return;
    const termsRow = TERMS_COPY.row({ requestId: id, terms: terms() });
    if (isSearchDeferred) deferredTerms!.append(termsRow);
    else this.terms.append(termsRow);
  }

  /** Search words computed here (lines checked beforehand bring theirs) are added to the words list by flush. */
  private termsOf(text: string, summarizedText: string): string {
    const computed = termsAndWords(text, summarizedText);
    for (const word of computed.words) this.words.add(word);
    return computed.terms;
  }

  /** An SFT line's request, candidate and manifest row (its rows were built when it was checked). */
  sft(requestId: number, candidateId: number, line: SftBatchLine) {
    const { rows } = line;
    // Each part written as it is: no row string to build (CsvBytes).
    const id = String(requestId);
    this.requests.append(id);
    this.requests.append(rows.request);
    this.addTerms(requestId, () => line.terms);
    this.context.memory?.addCandidate(rows.image, { id: candidateId, requestId, role: "sft" });
    if (this.context.unchecked) this.facets.addKey(rows.facets);
    this.candidates.append(`${candidateId},${id}`);
    this.candidates.append(rows.candidate);
    this.remember("sft", line.hash, requestId, line.lineNo);
    this.manifest.append(id);
    this.manifest.append(rows.manifest);
  }

  candidate(input: CandidateInput) {
    const memory = this.context.memory;
    memory?.addCandidate(input.imagePath, { id: input.id, requestId: input.requestId, role: input.role });
    const isMultiTurn = input.isMultiTurn ?? false;
    const facets = {
      datasetId: this.context.datasetId,
      editType: input.editType,
      groupName: isMultiTurn && input.editType === MULTI_TURN_EDIT_TYPE ? MULTI_TURN_GROUP : groupOf(input.editType),
      isKnownType: isKnownEditType(input.editType),
      effectiveVerdict: input.prior,
      isInPair: input.isInPair ?? false,
      isMultiTurn,
      isIdenticalText: input.isIdenticalText,
    };
    if (this.context.unchecked) this.facets.add(facets);
    this.candidates.append(
      CANDIDATE_COPY.row({
        ...facets,
        id: input.id,
        requestId: input.requestId,
        imagePath: input.imagePath,
        role: input.role,
        prior: input.prior,
        attempt: input.attempt ?? null,
      }),
    );
  }

  /** A bulk load's in-memory lookups learn of a manifest line. */
  private remember(kind: ManifestKind, hash: string, requestId: number | null | undefined, lineNo: number) {
    const memory = this.context.memory;
    if (!memory) return;
    memory.addLine(kind, hash);
    if (kind === "sft" && requestId) memory.setSftLine(requestId, lineNo);
  }

  manifestRow(input: ManifestRowInput) {
    this.remember(input.kind, input.hash, input.requestId, input.lineNo);
    this.manifest.append(
      MANIFEST_COPY.row({
        datasetId: this.context.datasetId,
        kind: input.kind,
        lineHash: input.hash,
        keyImage: input.keyImage,
        raw: input.rebuild ? null : input.raw,
        rebuild: input.rebuild ?? null,
        sourceFile: this.context.file,
        lineNo: input.lineNo,
        importRunId: this.context.runId,
        requestId: input.requestId ?? null,
        sessionId: input.sessionId ?? null,
      }),
    );
  }

  async flush() {
    await addSearchWords(this.context.tx, this.words);
    const lines = { requests: this.requests, terms: this.terms, candidates: this.candidates, manifest: this.manifest };
    if (this.context.unchecked) await copyImportRowsUnchecked(this.context.tx, this.context.datasetId, lines, this.facets);
    else await copyImportRows(this.context.tx, lines);
    this.requests = new CsvBytes();
    this.terms = new CsvBytes();
    this.candidates = new CsvBytes();
    this.manifest = new CsvBytes();
    this.words = new Set();
  }
}

/** Existing candidates of the dataset with these image paths. */
export async function candidatesByImage(context: BatchContext, paths: string[]) {
  if (paths.length === 0) return new Map<string, { id: number; requestId: number; role: string }[]>();
  if (context.memory) {
    const found = new Map<string, { id: number; requestId: number; role: string }[]>();
    for (const path of paths) {
      const list = context.memory.candidatesOf(path);
      if (list.length) found.set(path, list);
    }
    return found;
  }
  return candidatesWithImages(context.tx, context.datasetId, paths);
}
