// Judge scores and human decisions keyed by image path (Ripe's own formats, see README): each
// becomes a judgement or a review of every candidate with that path. The line hash is stored as
// the row's import key, so importing the same file twice adds nothing.
import type { DecisionRecord, JudgeScoreRecord } from "../manifest/records";
import { candidatesByImage, type BatchContext, type BatchLine, type BatchResult } from "./context";

async function matchCandidates<R extends { image: string }>(context: BatchContext, lines: BatchLine<R>[]) {
  const byImage = await candidatesByImage(context, lines.map((line) => line.record.image));
  const matched: { line: BatchLine<R>; candidateId: number }[] = [];
  let unmatchedLines = 0;
  for (const line of lines) {
    const candidates = byImage.get(line.record.image);
    if (!candidates) {
      context.fail(line.lineNo, "image", `"${line.record.image}" is not a candidate image of this dataset (import the manifests first)`);
      unmatchedLines++;
      continue;
    }
    for (const candidate of candidates) matched.push({ line, candidateId: candidate.id });
  }
  return { matched, unmatchedLines };
}

export async function importJudgeScoreBatch(context: BatchContext, lines: BatchLine<JudgeScoreRecord>[]): Promise<BatchResult> {
  const { matched, unmatchedLines } = await matchCandidates(context, lines);
  if (matched.length === 0) return { imported: 0, unchanged: 0, touchedCandidates: [] };
  const column = <T>(pick: (entry: (typeof matched)[number]) => T) => matched.map(pick);
  const inserted = await context.tx.query<{ candidate_id: string }>(
    `INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance, technical_quality, reported_overall, rationale, raw, import_key)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::text[])
     ON CONFLICT (candidate_id, import_key) DO NOTHING
     RETURNING candidate_id`,
    [
      column((entry) => entry.candidateId),
      column((entry) => entry.line.record.judge),
      column((entry) => entry.line.record.instruction_compliance ?? null),
      column((entry) => entry.line.record.seamlessness ?? null),
      column((entry) => entry.line.record.preservation_balance ?? null),
      column((entry) => entry.line.record.technical_quality ?? null),
      column((entry) => entry.line.record.overall ?? null),
      column((entry) => entry.line.record.rationale ?? null),
      column((entry) => entry.line.raw),
      column((entry) => entry.line.hash),
    ],
  );
  return summarise(lines.length, unmatchedLines, matched, inserted);
}

export async function importDecisionBatch(context: BatchContext, lines: BatchLine<DecisionRecord>[]): Promise<BatchResult> {
  const { matched, unmatchedLines } = await matchCandidates(context, lines);
  if (matched.length === 0) return { imported: 0, unchanged: 0, touchedCandidates: [] };
  const names = [...new Set(matched.map((entry) => entry.line.record.reviewer))];
  await context.tx.query("INSERT INTO reviewers (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", [names]);
  const reviewerRows = await context.tx.query<{ id: number; name: string }>("SELECT id, name FROM reviewers WHERE name = ANY($1::text[])", [names]);
  const reviewerId = new Map(reviewerRows.map((row) => [row.name, row.id]));
  const column = <T>(pick: (entry: (typeof matched)[number]) => T) => matched.map(pick);
  const inserted = await context.tx.query<{ candidate_id: string }>(
    `INSERT INTO reviews (candidate_id, reviewer_id, verdict, reason_tags, note, created_at, instruction_compliance, seamlessness, preservation_balance, technical_quality, source, import_key, judge_verdict_then)
     SELECT c, r, v, t::jsonb, n, COALESCE(at, now()), ic, se, pb, tq, $11, k, (SELECT judge_verdict FROM candidates WHERE id = c)
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $12::text[])
       AS t(c, r, v, t, n, at, ic, se, pb, tq, k)
     ON CONFLICT (candidate_id, import_key) DO NOTHING
     RETURNING candidate_id`,
    [
      column((entry) => entry.candidateId),
      column((entry) => reviewerId.get(entry.line.record.reviewer)!),
      column((entry) => entry.line.record.verdict),
      column((entry) => JSON.stringify(entry.line.record.reason_tags ?? [])),
      column((entry) => entry.line.record.note ?? null),
      column((entry) => entry.line.record.time ?? null),
      column((entry) => entry.line.record.instruction_compliance ?? null),
      column((entry) => entry.line.record.seamlessness ?? null),
      column((entry) => entry.line.record.preservation_balance ?? null),
      column((entry) => entry.line.record.technical_quality ?? null),
      `import:${context.file}`,
      column((entry) => entry.line.hash),
    ],
  );
  return summarise(lines.length, unmatchedLines, matched, inserted);
}

function summarise(total: number, unmatched: number, matched: { line: { lineNo: number }; candidateId: number }[], inserted: { candidate_id: string }[]): BatchResult {
  const touched = new Set(inserted.map((row) => Number(row.candidate_id)));
  const importedLines = new Set(matched.filter((entry) => touched.has(entry.candidateId)).map((entry) => entry.line.lineNo)).size;
  return { imported: importedLines, unchanged: total - unmatched - importedLines, touchedCandidates: [...touched] };
}
