-- Custom SQL migration file, put your code below! --
-- facet_counts follows candidates through statement-level triggers with transition tables: one
-- aggregate per INSERT/UPDATE/DELETE statement (a 5000-row COPY or verdict refresh costs one
-- GROUP BY over those rows), so the sidebar never scans the whole dataset.
CREATE OR REPLACE FUNCTION facet_counts_add_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO facet_counts AS f (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, n)
  SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, review_count > 0, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, count(*)
  FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  ON CONFLICT (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text)
  DO UPDATE SET n = f.n + EXCLUDED.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION facet_counts_remove_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO facet_counts AS f (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, n)
  SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, review_count > 0, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, -count(*)
  FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  ON CONFLICT (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text)
  DO UPDATE SET n = f.n + EXCLUDED.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION facet_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One pass over both transition tables: net change per combination, only where it is not zero.
  INSERT INTO facet_counts AS f (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, n)
  SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, sum(delta)
  FROM (
    SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, review_count > 0 AS is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, -1 AS delta FROM old_rows
    UNION ALL
    SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, review_count > 0, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, 1 FROM new_rows
  ) changes
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  HAVING sum(delta) <> 0
  ON CONFLICT (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text)
  DO UPDATE SET n = f.n + EXCLUDED.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER candidates_facets_insert AFTER INSERT ON candidates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION facet_counts_add_new();
--> statement-breakpoint
CREATE TRIGGER candidates_facets_update AFTER UPDATE ON candidates REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION facet_counts_move();
--> statement-breakpoint
CREATE TRIGGER candidates_facets_delete AFTER DELETE ON candidates REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION facet_counts_remove_old();
--> statement-breakpoint
INSERT INTO facet_counts (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, n)
SELECT dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, review_count > 0, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, count(*)
FROM candidates GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
