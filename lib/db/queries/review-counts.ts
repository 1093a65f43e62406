import "server-only";
// Decisions made through the site, counted per reviewer: the load benchmark compares them with
// what its clients were told was saved (nothing lost, nothing written twice).
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryRows } from "../rows";

const countRow = z.object({ reviewer: col.text, decisions: col.int });

export async function siteDecisionsByReviewer(runner: Pick<SqlRunner, "query">, datasetId: number): Promise<Map<string, number>> {
  const rows = await queryRows(
    runner,
    countRow,
    `SELECT rv.name AS reviewer, count(*) AS decisions
       FROM reviews r
       JOIN candidates c ON c.id = r.candidate_id
       JOIN reviewers rv ON rv.id = r.reviewer_id
      WHERE c.dataset_id = $1 AND r.source = 'ui' AND r.undo_of IS NULL
      GROUP BY rv.name`,
    [datasetId],
  );
  return new Map(rows.map((row) => [row.reviewer, row.decisions]));
}
