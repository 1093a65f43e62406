import "server-only";
// The importer's statements: id blocks, the lookups a batch needs (line hashes, SFT owners,
// candidates by image, requests by source and text), and the set-based inserts of judge scores,
// reviews, sessions and pairs. Each runs on the batch's transaction and returns plain typed values.
import { z } from "zod";
import type { SqlRunner } from "../client";
import type { CsvBytes } from "../csv";
import { CANDIDATE_COPY, MANIFEST_COPY, REQUEST_COPY, TERMS_COPY } from "../import-copy";
import { col, queryOne, queryRows } from "../rows";
import type { ManifestKind } from "../schema";
import { FacetTally } from "./facet-tally";

export { FacetTally };

/** A batch's rows of each table (terms: the requests' search words, when not deferred). */
export type ImportRowLines = { requests: CsvBytes; terms?: CsvBytes; candidates: CsvBytes; manifest: CsvBytes };

/** Writes a batch's CSV lines (from the *_COPY writers), parents first. */
export async function copyImportRows(tx: SqlRunner, lines: ImportRowLines) {
  if (!lines.requests.isEmpty) await tx.copyFrom(REQUEST_COPY.table, REQUEST_COPY.columns, lines.requests.bytes());
  if (lines.terms && !lines.terms.isEmpty) await tx.copyFrom(TERMS_COPY.table, TERMS_COPY.columns, lines.terms.bytes());
  if (!lines.candidates.isEmpty) await tx.copyFrom(CANDIDATE_COPY.table, CANDIDATE_COPY.columns, lines.candidates.bytes());
  if (!lines.manifest.isEmpty) await tx.copyFrom(MANIFEST_COPY.table, MANIFEST_COPY.columns, lines.manifest.bytes());
}

const candidateIdRow = z.object({ candidate_id: col.int });

/**
 * Reserves `count` ids of a sequence in one round trip: advance it by `count` and use the block.
 * The transaction-scoped advisory lock keeps two importers from interleaving; only the importer
 * inserts into requests, candidates and sessions, so default nextval() calls cannot collide.
 */
export async function reserveIds(
  tx: SqlRunner,
  sequence: "requests_id_seq" | "candidates_id_seq" | "sessions_id_seq",
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [sequence]);
  const { last } = await queryOne(tx, z.object({ last: col.int }), "SELECT setval($1::regclass, nextval($1::regclass) + $2 - 1) AS last", [
    sequence,
    count,
  ]);
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}

/** Which of these line hashes the dataset already holds for this kind. */
export async function storedLineHashes(tx: SqlRunner, datasetId: number, kind: ManifestKind, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await queryRows(
    tx,
    z.object({ line_hash: col.int8Text }),
    "SELECT line_hash FROM manifest_rows WHERE dataset_id = $1 AND kind = $2 AND line_hash = ANY($3::bigint[])",
    [datasetId, kind, hashes],
  );
  return new Set(rows.map((row) => row.line_hash));
}

/** request id → "FILE:LINE" of the SFT row describing it. */
export async function sftOwnerLines(tx: SqlRunner, datasetId: number, requestIds: number[]): Promise<Map<number, string>> {
  const owners = new Map<number, string>();
  if (requestIds.length === 0) return owners;
  const rows = await queryRows(
    tx,
    z.object({ request_id: col.int, source_file: col.text, line_no: col.int }),
    "SELECT request_id, source_file, line_no FROM manifest_rows WHERE dataset_id = $1 AND kind = 'sft' AND request_id = ANY($2::bigint[])",
    [datasetId, requestIds],
  );
  for (const row of rows) owners.set(row.request_id, `${row.source_file}:${row.line_no}`);
  return owners;
}

export type ImageCandidate = { id: number; requestId: number; role: string };

/** image path → the dataset's candidates with that output image, oldest first. */
export async function candidatesWithImages(tx: SqlRunner, datasetId: number, paths: string[]): Promise<Map<string, ImageCandidate[]>> {
  const map = new Map<string, ImageCandidate[]>();
  if (paths.length === 0) return map;
  const rows = await queryRows(
    tx,
    z.object({ id: col.int, requestId: col.int, image_path: col.text, role: col.text }),
    `SELECT id, request_id AS "requestId", image_path, role FROM candidates WHERE dataset_id = $1 AND image_path = ANY($2::text[]) ORDER BY id`,
    [datasetId, paths],
  );
  for (const { image_path: imagePath, ...candidate } of rows) {
    const list = map.get(imagePath) ?? [];
    list.push(candidate);
    map.set(imagePath, list);
  }
  return map;
}

/** "source\ntext" → the first request of the dataset with that source image and long instruction. */
export async function requestsBySourceAndText(tx: SqlRunner, datasetId: number, sources: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (sources.length === 0) return found;
  const rows = await queryRows(
    tx,
    z.object({ id: col.int, source_image: col.text, text: col.text }),
    "SELECT id, source_image, text FROM requests WHERE dataset_id = $1 AND source_image = ANY($2::text[]) ORDER BY id",
    [datasetId, sources],
  );
  for (const row of rows) if (!found.has(`${row.source_image}\n${row.text}`)) found.set(`${row.source_image}\n${row.text}`, row.id);
  return found;
}

/** The candidates of these requests: request id → image path → candidate id. */
export async function candidatesOfRequests(tx: SqlRunner, requestIds: number[]): Promise<Map<number, Map<string, number>>> {
  const byRequest = new Map<number, Map<string, number>>(requestIds.map((id) => [id, new Map()]));
  if (requestIds.length === 0) return byRequest;
  const rows = await queryRows(
    tx,
    z.object({ id: col.int, request_id: col.int, image_path: col.text }),
    "SELECT id, request_id, image_path FROM candidates WHERE request_id = ANY($1::bigint[])",
    [requestIds],
  );
  for (const row of rows) byRequest.get(row.request_id)?.set(row.image_path, row.id);
  return byRequest;
}

export async function markInPair(tx: SqlRunner, candidateIds: number[]) {
  if (candidateIds.length)
    await tx.query("UPDATE candidates SET is_in_pair = true WHERE id = ANY($1::bigint[]) AND NOT is_in_pair", [candidateIds]);
}

export async function insertManifestPairs(
  tx: SqlRunner,
  datasetId: number,
  pairs: { requestId: number; chosenId: number; rejectedId: number }[],
) {
  if (pairs.length === 0) return;
  await tx.query(
    `INSERT INTO pairs (dataset_id, request_id, candidate_a, candidate_b, origin)
     SELECT $1, r, a, b, 'manifest' FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS t(r, a, b)
     ON CONFLICT DO NOTHING`,
    [datasetId, pairs.map((pair) => pair.requestId), pairs.map((pair) => pair.chosenId), pairs.map((pair) => pair.rejectedId)],
  );
}

export async function insertSessions(
  tx: SqlRunner,
  datasetId: number,
  sessions: { id: number; originalUrl: string | null; turnCount: number }[],
) {
  if (sessions.length === 0) return;
  await tx.query(
    `INSERT INTO sessions (id, dataset_id, original_url, turn_count)
     SELECT id, $1, url, turns FROM unnest($2::bigint[], $3::text[], $4::int[]) AS t(id, url, turns)`,
    [datasetId, sessions.map((row) => row.id), sessions.map((row) => row.originalUrl), sessions.map((row) => row.turnCount)],
  );
}

type Scores = {
  instruction_compliance: number | null;
  seamlessness: number | null;
  preservation_balance: number | null;
  technical_quality: number | null;
};

export type ImportedJudgement = Scores & {
  candidateId: number;
  judgeId: string;
  reportedOverall: number | null;
  rationale: string | null;
  raw: string;
  importKey: string;
};

/** Inserts judgements (an import key already there is skipped); returns the candidate ids written. */
export async function insertImportedJudgements(tx: SqlRunner, rows: ImportedJudgement[]): Promise<number[]> {
  const column = <T>(pick: (row: ImportedJudgement) => T) => rows.map(pick);
  const inserted = await queryRows(
    tx,
    candidateIdRow,
    `INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance, technical_quality, reported_overall, rationale, raw, import_key)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::text[])
     ON CONFLICT (candidate_id, import_key) DO NOTHING
     RETURNING candidate_id`,
    [
      column((row) => row.candidateId),
      column((row) => row.judgeId),
      column((row) => row.instruction_compliance),
      column((row) => row.seamlessness),
      column((row) => row.preservation_balance),
      column((row) => row.technical_quality),
      column((row) => row.reportedOverall),
      column((row) => row.rationale),
      column((row) => row.raw),
      column((row) => row.importKey),
    ],
  );
  return inserted.map((row) => row.candidate_id);
}

export type ImportedReview = Scores & {
  candidateId: number;
  reviewerId: number;
  verdict: string;
  reasonTags: string[];
  note: string | null;
  time: string | null;
  importKey: string;
};

/** Inserts imported decisions (append-only; an import key already there is skipped); returns the candidate ids written. */
export async function insertImportedReviews(tx: SqlRunner, source: string, rows: ImportedReview[]): Promise<number[]> {
  const column = <T>(pick: (row: ImportedReview) => T) => rows.map(pick);
  const inserted = await queryRows(
    tx,
    candidateIdRow,
    `INSERT INTO reviews (candidate_id, reviewer_id, verdict, reason_tags, note, created_at, instruction_compliance, seamlessness, preservation_balance, technical_quality, source, import_key, judge_verdict_then)
     SELECT c, r, v, t::jsonb, n, COALESCE(at, now()), ic, se, pb, tq, $11, k, (SELECT judge_verdict FROM candidates WHERE id = c)
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $12::text[])
       AS t(c, r, v, t, n, at, ic, se, pb, tq, k)
     ON CONFLICT (candidate_id, import_key) DO NOTHING
     RETURNING candidate_id`,
    [
      column((row) => row.candidateId),
      column((row) => row.reviewerId),
      column((row) => row.verdict),
      column((row) => JSON.stringify(row.reasonTags)),
      column((row) => row.note),
      column((row) => row.time),
      column((row) => row.instruction_compliance),
      column((row) => row.seamlessness),
      column((row) => row.preservation_balance),
      column((row) => row.technical_quality),
      source,
      column((row) => row.importKey),
    ],
  );
  return inserted.map((row) => row.candidate_id);
}
