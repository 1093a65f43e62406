import "server-only";
// Review-queue reads over audit samples: their progress, and the walk through one sample.
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";

export type SampleSummary = { id: number; method: string; size: number; seed: number; decided: number; createdAt: string };

export async function listAuditSamplesWithProgress(db: DbHandle, datasetId: number): Promise<SampleSummary[]> {
  return queryRows(
    db,
    z.object({
      id: col.int,
      method: col.text,
      size: col.int,
      seed: col.int,
      decided: col.int,
      createdAt: col.date.transform((date) => date.toISOString()),
    }) satisfies z.ZodType<SampleSummary>,
    `SELECT s.id, s.method, s.size, s.seed, s.created_at AS "createdAt",
       (SELECT count(DISTINCT r.candidate_id) FROM reviews r WHERE r.sample_id = s.id AND r.undo_of IS NULL
          AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)) AS decided
     FROM audit_samples s WHERE s.dataset_id = $1 ORDER BY s.id DESC`,
    [datasetId],
  );
}

export type SampleWalk = {
  id: number;
  datasetId: number;
  method: string;
  ids: number[];
  probabilities: Record<number, number>;
  decided: Set<number>;
};

export async function getSampleWalk(db: DbHandle, sampleId: number): Promise<SampleWalk | null> {
  const [sample] = await queryRows(
    db,
    z.object({
      id: col.int,
      dataset_id: col.int,
      method: col.text,
      items: z.array(z.object({ candidateId: col.int, probability: col.number })),
    }),
    "SELECT id, dataset_id, method, items FROM audit_samples WHERE id = $1",
    [sampleId],
  );
  if (!sample) return null;
  const decidedRows = await queryRows(
    db,
    z.object({ candidate_id: col.int }),
    `SELECT DISTINCT r.candidate_id FROM reviews r WHERE r.sample_id = $1 AND r.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)`,
    [sampleId],
  );
  return {
    id: sample.id,
    datasetId: sample.dataset_id,
    method: sample.method,
    ids: sample.items.map((item) => item.candidateId),
    probabilities: Object.fromEntries(sample.items.map((item) => [item.candidateId, item.probability])),
    decided: new Set(decidedRows.map((row) => row.candidate_id)),
  };
}
