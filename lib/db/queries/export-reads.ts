import "server-only";
// The export's reads: manifest rows in keyset chunks (with whether each is "settled", i.e. goes
// out as read), the candidates of the rows that are not, and pairs with both sides for dpo.jsonl.
// These run over every row of a 400K dataset: each statement selects only what the decision needs,
// because every column of every row crosses from PGlite's WASM heap into JavaScript.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { candidates, type ManifestKind } from "../schema";
import { col, nested, queryRows } from "../rows";
import { passesForExportSql } from "../../verdict/sql";
import type { CandidateVerdicts } from "../../verdict";

/** The verdict facts of a candidate (lib/verdict's CandidateVerdicts), keyed as in the schema. */
const VERDICT_SHAPE = {
  id: col.int,
  imagePath: col.text,
  role: col.role,
  prior: col.prior,
  judgeVerdict: col.outcome,
  humanVerdict: col.outcome,
  effectiveVerdict: col.outcome,
  judgeOverall: col.number,
} satisfies Record<keyof CandidateVerdicts, z.ZodType>;
const VERDICT_KEYS = ["id", "imagePath", "role", "prior", "judgeVerdict", "humanVerdict", "effectiveVerdict", "judgeOverall"] as const;
const candidateVerdicts = z.object(VERDICT_SHAPE);

/** `alias.image_path AS "<prefix>imagePath", …`: column names from the drizzle table. */
export function verdictColumns(alias: string, prefix = ""): string {
  return VERDICT_KEYS.map((key) => `${alias}.${candidates[key].name} AS "${prefix}${key}"`).join(", ");
}

const ownedCandidate = candidateVerdicts.extend({ owner: col.int });

/** The candidates of requests (SFT, preference) or sessions (multi-turn), by owner id, in export order. */
export async function candidatesByOwner(
  db: SqlRunner,
  owner: "request_id" | "session_id",
  ids: number[],
): Promise<Map<number, CandidateVerdicts[]>> {
  const map = new Map<number, CandidateVerdicts[]>();
  if (ids.length === 0) return map;
  const rows = await queryRows(
    db,
    ownedCandidate,
    owner === "request_id"
      ? `SELECT ${verdictColumns("c")}, c.request_id AS owner FROM candidates c WHERE c.request_id = ANY($1::bigint[]) ORDER BY c.id`
      : `SELECT ${verdictColumns("c")}, r.session_id AS owner FROM candidates c JOIN requests r ON r.id = c.request_id WHERE r.session_id = ANY($1::bigint[]) ORDER BY r.turn, c.id`,
    [ids],
  );
  for (const { owner: ownerId, ...candidate } of rows) {
    const list = map.get(ownerId) ?? [];
    list.push(candidate);
    map.set(ownerId, list);
  }
  return map;
}

/**
 * Rows whose export is "as read" whatever their other candidates: an SFT row whose own output
 * passes, a session whose every turn passes. Preference rows always need their candidates.
 */
const SETTLED_SQL: Record<ManifestKind, string> = {
  sft: `EXISTS (SELECT 1 FROM candidates k WHERE k.request_id = m.request_id AND k.image_path = m.key_image AND ${passesForExportSql("k")})`,
  preference: "false",
  multi_turn: `NOT EXISTS (SELECT 1 FROM requests t JOIN candidates k ON k.request_id = t.id WHERE t.session_id = m.session_id AND NOT ${passesForExportSql("k")})`,
};

const manifestRowRead = z.object({
  id: col.int,
  raw: col.nullableText,
  rebuild: z.enum(["ascii", "utf8"]).nullable(),
  key_image: col.nullableText,
  request_id: col.nullableInt,
  session_id: col.nullableInt,
  source_image: col.nullableText,
  text: col.nullableText,
  edit_type: col.nullableText,
  summarized_text: col.nullableText,
  is_settled: col.bool,
});
export type ManifestRowRead = z.output<typeof manifestRowRead>;

/** The next `limit` manifest rows of one kind after `afterId` (request columns only where the line must be rebuilt). */
export function manifestRowChunk(
  db: SqlRunner,
  query: { datasetId: number; kind: ManifestKind; afterId: number; limit: number; editTypes: string[] | null },
): Promise<ManifestRowRead[]> {
  const byType = query.editTypes && query.kind !== "multi_turn" ? query.editTypes : null;
  return queryRows(
    db,
    manifestRowRead,
    `SELECT m.id, m.raw, m.rebuild, m.key_image, m.request_id, m.session_id,
            r.source_image, r.text, r.edit_type, r.summarized_text, ${SETTLED_SQL[query.kind]} AS is_settled
     FROM manifest_rows m
     ${byType ? "JOIN requests r ON r.id = m.request_id AND r.edit_type = ANY($4::text[])" : "LEFT JOIN requests r ON m.rebuild IS NOT NULL AND r.id = m.request_id"}
     WHERE m.dataset_id = $1 AND m.kind = $2 AND m.id > $3 ORDER BY m.id LIMIT ${Number(query.limit)}`,
    byType ? [query.datasetId, query.kind, query.afterId, byType] : [query.datasetId, query.kind, query.afterId],
  );
}

const exportPair = z.object({
  id: col.int,
  origin: col.pairOrigin,
  request_id: col.int,
  source_image: col.text,
  text: col.text,
  summarized_text: col.text,
  edit_type: col.text,
  session_id: col.nullableInt,
  turn: col.nullableInt,
});
const exportPairWithSides = exportPair.extend({ a: candidateVerdicts, b: candidateVerdicts });
export type ExportPairRow = z.output<typeof exportPairWithSides>;

const exportPairRow = nested(exportPairWithSides);

/** The dataset's pairs after `afterId` in id order, with both candidates, optionally by edit type or id. */
export function pairChunk(
  db: SqlRunner,
  query: { datasetId: number; afterId: number; limit: number; editTypes: string[] | null; onlyIds?: readonly number[] },
): Promise<ExportPairRow[]> {
  const params: unknown[] = [query.datasetId, query.afterId];
  const where = [
    query.editTypes ? `r.edit_type = ANY($${params.push(query.editTypes)}::text[])` : null,
    query.onlyIds ? `p.id = ANY($${params.push(query.onlyIds)}::bigint[])` : null,
  ].filter(Boolean);
  return queryRows(
    db,
    exportPairRow,
    `SELECT p.id, p.origin, p.request_id, r.source_image, r.text, r.summarized_text, r.edit_type, r.session_id, r.turn,
            ${verdictColumns("ca", "a.")}, ${verdictColumns("cb", "b.")}
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.dataset_id = $1 AND p.id > $2 ${where.map((clause) => `AND ${clause}`).join(" ")} ORDER BY p.id LIMIT ${Number(query.limit)}`,
    params,
  );
}

const decidedPair = z.object({
  pairId: col.int,
  requestId: col.int,
  candidateA: col.int,
  candidateB: col.int,
  isSameRequest: col.bool,
});
export type DecidedPair = z.output<typeof decidedPair>;

/** The sides of the given pairs and whether both candidates answer the same request. */
export function decidedPairs(db: SqlRunner, pairIds: readonly number[]): Promise<DecidedPair[]> {
  if (pairIds.length === 0) return Promise.resolve([]);
  return queryRows(
    db,
    decidedPair,
    `SELECT p.id AS "pairId", p.request_id AS "requestId", p.candidate_a AS "candidateA", p.candidate_b AS "candidateB",
            (ca.request_id = cb.request_id) AS "isSameRequest"
     FROM pairs p JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b WHERE p.id = ANY($1::bigint[])`,
    [pairIds],
  );
}
