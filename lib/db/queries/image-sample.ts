import "server-only";
// The candidates an image-health check looks at: a bounded sample spread evenly over the
// dataset's id range, found by index lookups so it costs the same at 400K rows as at 400.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";

const sampledItem = z.object({ id: col.int, image_path: col.text, source_image: col.text });
export type SampledItem = z.output<typeof sampledItem>;

/** Up to `count` candidates of the dataset, one per equal slice of its id range, with their source image. */
export function sampleCandidateImages(db: SqlRunner, datasetId: number, count: number): Promise<SampledItem[]> {
  return queryRows(
    db,
    sampledItem,
    `WITH bounds AS (SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM candidates WHERE dataset_id = $1)
     SELECT DISTINCT c.id, c.image_path, r.source_image
     FROM bounds, generate_series(0, $2 - 1) AS g,
       LATERAL (SELECT id, image_path, request_id FROM candidates
                WHERE dataset_id = $1 AND id >= bounds.lo + (g * (bounds.hi - bounds.lo + 1)) / $2
                ORDER BY id LIMIT 1) c
     JOIN requests r ON r.id = c.request_id
     WHERE bounds.n > 0
     ORDER BY c.id`,
    [datasetId, count],
  );
}

/** How many candidates the dataset has. */
export async function countCandidates(db: SqlRunner, datasetId: number): Promise<number> {
  const row = await queryOne(db, z.object({ n: col.int }), "SELECT count(*) AS n FROM candidates WHERE dataset_id = $1", [datasetId]);
  return row.n;
}
