import "server-only";
// Audit samples: a seeded probability sample of the dataset's judged candidates, stored with each
// item's inclusion probability so the review queue can walk it and record sample_id/probability
// on each decision, and the audit can weight those decisions by 1/π. (Their progress is listed by
// listAuditSamplesWithProgress in ./queue.ts.)
import { and, eq } from "drizzle-orm";
import { drawSample, type SampleMethod } from "../../audit/draw-sample";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";
import { auditSamples } from "../schema";

export type AuditSampleRow = typeof auditSamples.$inferSelect;
export type NewAuditSample = { method: SampleMethod; size: number; seed: number };

export class AuditSampleError extends Error {}

/**
 * Draws and stores a sample. The population is the dataset's judged candidates (an unjudged item
 * says nothing about the judge); "threshold" weights them by distance from the dataset's threshold.
 */
export async function createAuditSample(db: DbHandle, datasetId: number, input: NewAuditSample): Promise<AuditSampleRow> {
  const [dataset] = await queryRows(db, z.object({ threshold: col.number }), "SELECT threshold FROM datasets WHERE id = $1", [datasetId]);
  if (!dataset) throw new AuditSampleError(`Dataset ${datasetId} does not exist.`);
  // Arrays per edit type, not one row per candidate: PGlite hands 400K rows to JS ~6× slower.
  const rows = await queryRows(
    db,
    z.object({ edit_type: col.text, ids: z.array(col.int), overall: z.array(col.number) }),
    "SELECT edit_type, array_agg(id ORDER BY id) AS ids, array_agg(judge_overall ORDER BY id) AS overall FROM candidates WHERE dataset_id = $1 AND judge_overall >= 0 GROUP BY edit_type",
    [datasetId],
  );
  const units = rows.flatMap((row) =>
    row.ids.map((id, index) => ({ candidateId: id, editType: row.edit_type, overall: row.overall[index] })),
  );
  if (units.length === 0)
    throw new AuditSampleError(
      "No candidate of this dataset has a judge verdict yet: run a judge (Judge tab) or import judge scores before drawing an audit sample.",
    );
  const items = drawSample(units, { ...input, threshold: dataset.threshold });
  const [created] = await db.db
    .insert(auditSamples)
    .values({ datasetId, method: input.method, size: items.length, seed: input.seed, items })
    .returning();
  return created;
}

export async function getAuditSample(db: DbHandle, sampleId: number, datasetId?: number): Promise<AuditSampleRow | null> {
  const where =
    datasetId === undefined ? eq(auditSamples.id, sampleId) : and(eq(auditSamples.id, sampleId), eq(auditSamples.datasetId, datasetId));
  const [row] = await db.db.select().from(auditSamples).where(where);
  return row ?? null;
}

/**
 * The stored inclusion probability of a candidate in one of the dataset's audit samples: what a
 * decision made while walking the sample records (never a probability the client sends).
 */
export async function sampleInclusion(db: DbHandle, datasetId: number, sampleId: number, candidateId: number): Promise<number> {
  const sample = await getAuditSample(db, sampleId, datasetId);
  if (!sample) throw new AuditSampleError(`sampleId: no audit sample ${sampleId} in this dataset.`);
  const item = sample.items.find((entry) => entry.candidateId === candidateId);
  if (!item) throw new AuditSampleError(`sampleId: item #${candidateId} is not in audit sample ${sampleId}.`);
  return item.probability;
}
