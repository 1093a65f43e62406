import "server-only";
// Facet counts of candidates written by an unchecked COPY (copyImportRowsUnchecked), which the
// facet trigger (drizzle/0001_facet_triggers.sql) does not see: the trigger's grouping, counted
// in memory while the batch's rows are built and added in one statement. The columns a COPY
// does not write take their schema defaults, read here from the table so they cannot drift.
import { getTableColumns } from "drizzle-orm";
import type { SqlRunner } from "../client";
import { facetKey, facetsOfKey, type FacetWritten } from "../import-copy";
import { candidates } from "../schema";

function defaultOf<T>(name: keyof typeof candidates.$inferSelect, check: (value: unknown) => value is T): T {
  const value = getTableColumns(candidates)[name].default;
  if (!check(value)) throw new Error(`candidates.${name} has no plain default; the facet tally needs one`);
  return value;
}
const isString = (value: unknown): value is string => typeof value === "string";
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";
const isNumber = (value: unknown): value is number => typeof value === "number";

const DEFAULTS = {
  judgeVerdict: defaultOf("judgeVerdict", isString),
  humanVerdict: defaultOf("humanVerdict", isString),
  isReviewed: defaultOf("reviewCount", isNumber) > 0,
  isDisagreement: defaultOf("isDisagreement", isBoolean),
};

type Group = FacetWritten & { n: number };

export class FacetTally {
  private groups = new Map<string, Group>();

  add(row: FacetWritten) {
    this.addKey(facetKey(row));
  }

  /** add, for a row whose facetKey was computed already (an SFT line's, sft-rows.ts). */
  addKey(key: string) {
    const group = this.groups.get(key);
    if (group) group.n++;
    else this.groups.set(key, { ...facetsOfKey(key), n: 1 });
  }

  /** Adds the tallied counts to facet_counts (as the insert trigger would have) and starts over. */
  async write(tx: Pick<SqlRunner, "query">) {
    const groups = [...this.groups.values()];
    this.groups = new Map();
    if (groups.length === 0) return;
    const column = <T>(pick: (group: Group) => T) => groups.map(pick);
    await tx.query(
      `INSERT INTO facet_counts AS f (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text, n)
       SELECT d, et, g, k, ev, $6, $7, $8, $9, p, m, i, n
       FROM unnest($1::int[], $2::text[], $3::text[], $4::bool[], $5::text[], $10::bool[], $11::bool[], $12::bool[], $13::bigint[]) AS t(d, et, g, k, ev, p, m, i, n)
       ON CONFLICT (dataset_id, edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, is_reviewed, is_disagreement, is_in_pair, is_multi_turn, is_identical_text)
       DO UPDATE SET n = f.n + EXCLUDED.n`,
      [
        column((group) => group.datasetId),
        column((group) => group.editType),
        column((group) => group.groupName),
        column((group) => group.isKnownType),
        column((group) => group.effectiveVerdict),
        DEFAULTS.judgeVerdict,
        DEFAULTS.humanVerdict,
        DEFAULTS.isReviewed,
        DEFAULTS.isDisagreement,
        column((group) => group.isInPair),
        column((group) => group.isMultiTurn),
        column((group) => group.isIdenticalText),
        column((group) => group.n),
      ],
    );
  }
}
