// The columns a browse page reads from candidates c and the shape of its rows, shared by the
// plain pages (browse.ts) and the text-search pages (browse-search.ts). Never image bytes:
// thumbnails come from /api/images.
import { z } from "zod";
import { col } from "../rows";

export const PAGE_COLUMNS = `c.id, c.request_id, c.image_path, c.role, c.edit_type, c.group_name, c.is_known_type, c.judge_overall,
  c.judge_verdict, c.human_verdict, c.effective_verdict, c.review_count, c.is_disagreement, c.is_multi_turn, c.is_in_pair, c.is_identical_text`;

export const pageRow = z.object({
  id: col.int,
  request_id: col.int,
  image_path: col.text,
  role: col.text,
  edit_type: col.text,
  group_name: col.text,
  is_known_type: col.bool,
  judge_overall: col.number,
  judge_verdict: col.text,
  human_verdict: col.text,
  effective_verdict: col.text,
  review_count: col.int,
  is_disagreement: col.bool,
  is_multi_turn: col.bool,
  is_in_pair: col.bool,
  is_identical_text: col.bool,
});
export type PageRow = z.output<typeof pageRow>;
