// Judge scores and human decisions keyed by image path (Ripe's own formats, see README): each
// becomes a judgement or a review of every candidate with that path. The line hash is stored as
// the row's import key, so importing the same file twice adds nothing.
import { insertImportedJudgements, insertImportedReviews } from "../db/queries/import-rows";
import { importedReviewerIds } from "../db/queries/reviewers";
import type { DecisionRecord, JudgeScoreRecord } from "../manifest/records";
import { candidatesByImage, type BatchContext, type BatchLine, type BatchResult } from "./context";

async function matchCandidates<R extends { image: string }>(context: BatchContext, lines: BatchLine<R>[]) {
  const byImage = await candidatesByImage(
    context,
    lines.map((line) => line.record.image),
  );
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
  const inserted = await insertImportedJudgements(
    context.tx,
    matched.map(({ candidateId, line }) => ({
      candidateId,
      judgeId: line.record.judge,
      instruction_compliance: line.record.instruction_compliance ?? null,
      seamlessness: line.record.seamlessness ?? null,
      preservation_balance: line.record.preservation_balance ?? null,
      technical_quality: line.record.technical_quality ?? null,
      reportedOverall: line.record.overall ?? null,
      rationale: line.record.rationale ?? null,
      raw: line.raw,
      importKey: line.hash,
    })),
  );
  return summarise(lines.length, unmatchedLines, matched, inserted);
}

export async function importDecisionBatch(context: BatchContext, lines: BatchLine<DecisionRecord>[]): Promise<BatchResult> {
  const { matched, unmatchedLines } = await matchCandidates(context, lines);
  if (matched.length === 0) return { imported: 0, unchanged: 0, touchedCandidates: [] };
  const names = [...new Set(matched.map((entry) => entry.line.record.reviewer))];
  // External reviewers only: a `reviewer` that is a colleague's email must not become their decisions.
  const reviewerId = await importedReviewerIds(context.tx, names);
  const inserted = await insertImportedReviews(
    context.tx,
    `import:${context.file}`,
    matched.map(({ candidateId, line }) => ({
      candidateId,
      reviewerId: reviewerId.get(line.record.reviewer)!,
      verdict: line.record.verdict,
      reasonTags: line.record.reason_tags ?? [],
      note: line.record.note ?? null,
      time: line.record.time ?? null,
      instruction_compliance: line.record.instruction_compliance ?? null,
      seamlessness: line.record.seamlessness ?? null,
      preservation_balance: line.record.preservation_balance ?? null,
      technical_quality: line.record.technical_quality ?? null,
      importKey: line.hash,
    })),
  );
  return summarise(lines.length, unmatchedLines, matched, inserted);
}

function summarise(
  total: number,
  unmatched: number,
  matched: { line: { lineNo: number }; candidateId: number }[],
  inserted: number[],
): BatchResult {
  const touched = new Set(inserted);
  const importedLines = new Set(matched.filter((entry) => touched.has(entry.candidateId)).map((entry) => entry.line.lineNo)).size;
  return { imported: importedLines, unchanged: total - unmatched - importedLines, touchedCandidates: [...touched] };
}
