import "server-only";
// Review-queue reads over audit samples: their progress, and the walk through one sample.
import type { DbHandle } from "../client";

export type SampleSummary = { id: number; method: string; size: number; seed: number; decided: number; createdAt: string };

export async function listAuditSamplesWithProgress(db: DbHandle, datasetId: number): Promise<SampleSummary[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT s.id, s.method, s.size, s.seed, s.created_at,
       (SELECT count(DISTINCT r.candidate_id) FROM reviews r WHERE r.sample_id = s.id AND r.undo_of IS NULL
          AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)) AS decided
     FROM audit_samples s WHERE s.dataset_id = $1 ORDER BY s.id DESC`,
    [datasetId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    method: String(row.method),
    size: Number(row.size),
    seed: Number(row.seed),
    decided: Number(row.decided),
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
  }));
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
  const [sample] = await db.query<{
    id: number;
    dataset_id: number;
    method: string;
    items: { candidateId: number; probability: number }[];
  }>("SELECT id, dataset_id, method, items FROM audit_samples WHERE id = $1", [sampleId]);
  if (!sample) return null;
  const decidedRows = await db.query<{ candidate_id: string }>(
    `SELECT DISTINCT r.candidate_id FROM reviews r WHERE r.sample_id = $1 AND r.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)`,
    [sampleId],
  );
  return {
    id: sample.id,
    datasetId: sample.dataset_id,
    method: sample.method,
    ids: sample.items.map((item) => item.candidateId),
    probabilities: Object.fromEntries(sample.items.map((item) => [item.candidateId, item.probability])),
    decided: new Set(decidedRows.map((row) => Number(row.candidate_id))),
  };
}
