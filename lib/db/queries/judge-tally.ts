import "server-only";
// What a judge job stored, counted from the judgement rows themselves rather than from the job's
// own counters: the many-instances test (e2e/instances.spec.ts) checks one against the other, so
// an item stored twice, or stored once but charged twice, shows as a difference.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne } from "../rows";

export type JudgementTally = {
  /** judge_job_items of the job: the candidates of the run. */
  items: number;
  /** Judgement rows of the job, and how many distinct candidates they are for. */
  rows: number;
  candidates: number;
  /** Rows with a cost (an answer that was paid for). */
  charged: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};

const tallyRow = z.object({
  items: col.int,
  rows: col.int,
  candidates: col.int,
  charged: col.int,
  input_tokens: col.int,
  output_tokens: col.int,
  cost_usd: col.number,
});

export async function judgementTally(db: Pick<SqlRunner, "query">, jobId: number): Promise<JudgementTally> {
  const row = await queryOne(
    db,
    tallyRow,
    `SELECT (SELECT count(*) FROM judge_job_items WHERE job_id = $1) AS items,
            count(*) AS rows, count(DISTINCT candidate_id) AS candidates,
            count(*) FILTER (WHERE cost_usd > 0) AS charged,
            COALESCE(sum(input_tokens), 0) AS input_tokens, COALESCE(sum(output_tokens), 0) AS output_tokens,
            COALESCE(sum(cost_usd), 0)::float8 AS cost_usd
       FROM judgements WHERE job_id = $1`,
    [jobId],
  );
  return {
    items: row.items,
    rows: row.rows,
    candidates: row.candidates,
    charged: row.charged,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
  };
}
