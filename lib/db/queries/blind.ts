import "server-only";
// No anchoring on browse cards: an item a colleague decided and the viewer has not shows the
// verdict it would have with no human decision (lib/team/blind), no human badge, no review count.
import { z } from "zod";
import type { BrowsePage } from "../../browse/types";
import { blindEffective } from "../../team/blind";
import type { SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import { HAS_DECIDED } from "./team-sql";

/** Candidate ids among `ids` whose human verdicts `viewerId` may not see yet, with their prior. */
export async function hiddenFrom(db: SqlRunner, ids: number[], viewerId: number): Promise<Map<number, { prior: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows(
    db,
    z.object({ id: col.int, prior: col.text }),
    `SELECT c.id, c.prior FROM candidates c
     WHERE c.id = ANY($1::bigint[]) AND c.review_count > 0 AND NOT ${HAS_DECIDED("c.id", "$2::int")}
       AND EXISTS (SELECT 1 FROM reviews o WHERE o.candidate_id = c.id AND o.reviewer_id <> $2::int)`,
    [ids, viewerId],
  );
  return new Map(rows.map((row) => [row.id, { prior: row.prior }]));
}

export async function blindBrowsePage(db: SqlRunner, page: BrowsePage, viewerId: number): Promise<BrowsePage> {
  const hidden = await hiddenFrom(
    db,
    page.items.filter((item) => item.reviewCount > 0).map((item) => item.id),
    viewerId,
  );
  if (hidden.size === 0) return page;
  return {
    ...page,
    items: page.items.map((item) => {
      const entry = hidden.get(item.id);
      if (!entry) return item;
      return {
        ...item,
        humanVerdict: "none",
        effectiveVerdict: blindEffective(item.judgeVerdict, entry.prior),
        reviewCount: 0,
        isDisagreement: false,
      };
    }),
  };
}
