// Which way the judge errs, slice by slice. Error rates hide leniency: a judge that passes bad
// edits on a hard type trades missed accepts for wrong accepts and its error rate hardly moves,
// but the wrong accepts are what reach the exported dataset. So each slice (edit type, group)
// gets the judge's pass rate minus the people's on the same items (Newcombe paired interval),
// an exact McNemar test on the disagreements, a Benjamini–Hochberg adjusted p across all slices,
// and its contamination: the share of judge-passed items people reject and the bad edits that
// projects into the export.
import { wilson } from "./intervals";
import { benjaminiHochberg, mcnemarExact, pairedDifference } from "./paired";
import { isLabelled, toInterval, type IntervalPair, type ItemOutcome, type LabelledItem } from "./report-stats";
import { ipwEstimate } from "./sampling";

export type Contamination = {
  /** Labelled items the judge passed. */
  judge_passed: number;
  /** Of those, items people rejected (wrong accepts). */
  rejected: number;
  /** Share of judge-passed items people reject; 1/π-weighted (Hájek) when every label came from an audit sample. */
  rate: number | null;
  ci: IntervalPair;
  /** "wilson": plain share of the labelled items; "ipw": weighted by the audit sample's inclusion probabilities. */
  method: "wilson" | "ipw";
  /** Judge-passed items of the slice with no human decision: they go into the export unchecked. */
  export_judge_passes: number | null;
  /** rate × export_judge_passes: bad edits the export is expected to carry, with the rate's interval scaled. */
  projected_bad: number | null;
  projected_ci: IntervalPair;
};

export type DirectionRow = {
  slice: "edit_type" | "group";
  edit_type?: string;
  group?: string;
  labelled: number;
  judge_pass_rate: number | null;
  human_pass_rate: number | null;
  /** judge_pass_rate − human_pass_rate on the same items (> 0: too lenient). */
  difference: number | null;
  /** Newcombe (1998) method 10 paired 95% interval of the difference. */
  difference_ci: IntervalPair;
  /** Judge pass, human reject. */
  wrong_accepts: number;
  /** Judge fail, human accept. */
  wrong_rejects: number;
  /** Exact McNemar test of wrong accepts vs wrong rejects. */
  mcnemar_p: number;
  /** Benjamini–Hochberg adjusted across every slice with labels (edit types and groups together). */
  adjusted_p: number;
  contamination: Contamination;
};

export type DirectionReport = { too_lenient: DirectionRow[]; too_strict: DirectionRow[]; rows: DirectionRow[] };

/** Share of the judge's passes that people reject, and what it projects into the export. */
export function contamination(items: readonly ItemOutcome[], exportJudgePasses: number | null): Contamination {
  const passed = items.filter(isLabelled).filter((item) => item.judge === "pass");
  const rejected = passed.filter((item) => item.human === "fail").length;
  const isWeighted =
    passed.length > 0 &&
    passed.every((item) => item.sampleProbability !== null && item.sampleProbability > 0 && item.sampleProbability <= 1);
  let rate: number | null;
  let ci: IntervalPair;
  if (isWeighted) {
    const estimate = ipwEstimate(
      passed.map((item) => ({ value: item.human === "fail" ? 1 : 0, probability: item.sampleProbability! })),
      passed.length,
    ).hajek;
    rate = estimate.rate;
    ci = toInterval(estimate.ci);
  } else {
    const share = wilson(rejected, passed.length);
    rate = share.p;
    ci = toInterval(share.ci);
  }
  const projected = rate !== null && exportJudgePasses !== null ? rate * exportJudgePasses : null;
  const projectedCi: IntervalPair = ci && exportJudgePasses !== null ? [ci[0] * exportJudgePasses, ci[1] * exportJudgePasses] : null;
  return {
    judge_passed: passed.length,
    rejected,
    rate,
    ci,
    method: isWeighted ? "ipw" : "wilson",
    export_judge_passes: exportJudgePasses,
    projected_bad: projected,
    projected_ci: projectedCi,
  };
}

export type DirectionSlice = { slice: "edit_type" | "group"; key: string; items: readonly ItemOutcome[]; exportJudgePasses: number | null };

function pairedTable(items: readonly LabelledItem[]) {
  let a = 0,
    b = 0,
    c = 0,
    d = 0;
  for (const item of items) {
    const isHumanPass = item.human === "pass";
    if (item.judge === "pass") {
      if (isHumanPass) a++;
      else b++;
    } else if (isHumanPass) c++;
    else d++;
  }
  return { a, b, c, d };
}

export function directionReport(slices: readonly DirectionSlice[]): DirectionReport {
  const tested = slices.map((slice) => ({ slice, labelled: slice.items.filter(isLabelled) })).filter((entry) => entry.labelled.length > 0);
  const adjusted = benjaminiHochberg(
    tested.map(({ labelled }) => {
      const { b, c } = pairedTable(labelled);
      return mcnemarExact(b, c);
    }),
  );
  const rows = tested.map(({ slice, labelled }, index): DirectionRow => {
    const table = pairedTable(labelled);
    const paired = pairedDifference(table);
    return {
      slice: slice.slice,
      ...(slice.slice === "edit_type" ? { edit_type: slice.key } : { group: slice.key }),
      labelled: labelled.length,
      judge_pass_rate: paired.p1,
      human_pass_rate: paired.p2,
      difference: paired.difference,
      difference_ci: toInterval(paired.ci),
      wrong_accepts: table.b,
      wrong_rejects: table.c,
      mcnemar_p: mcnemarExact(table.b, table.c),
      adjusted_p: adjusted[index],
      contamination: contamination(slice.items, slice.exportJudgePasses),
    };
  });
  // Surest first: by the interval's bound nearest zero, then the adjusted p, then size.
  const tooLenient = rows
    .filter((row) => (row.difference ?? 0) > 0)
    .sort((x, y) => (y.difference_ci?.[0] ?? -1) - (x.difference_ci?.[0] ?? -1) || x.adjusted_p - y.adjusted_p || y.labelled - x.labelled);
  const tooStrict = rows
    .filter((row) => (row.difference ?? 0) < 0)
    .sort((x, y) => (x.difference_ci?.[1] ?? 1) - (y.difference_ci?.[1] ?? 1) || x.adjusted_p - y.adjusted_p || y.labelled - x.labelled);
  return { too_lenient: tooLenient, too_strict: tooStrict, rows };
}

/** Is the direction established at the 5% level after the BH adjustment? */
export const isSure = (row: DirectionRow) => row.adjusted_p < 0.05;
