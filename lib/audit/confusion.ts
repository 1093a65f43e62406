// Judge-vs-human 2×2 table and the metrics the audit page shows. Rows are the judge's verdict,
// columns the human's; "pass" is the positive class for the accept metrics and "fail" for the
// reject metrics, because the two failure modes cost differently (a wrong accept pollutes the
// exported dataset, a wrong reject only loses data).
import { kappaFromTable, type KappaEstimate } from "./kappa";

export type Verdict = "pass" | "fail";
export type VerdictPair = { judge: Verdict; human: Verdict; weight?: number };

export type PrecisionRecall = {
  /** Of the judge's verdicts of this class, the share the human agrees with. */
  precision: number | null;
  /** Of the human's verdicts of this class, the share the judge found. */
  recall: number | null;
};

export type ConfusionResult = {
  /** Number of pairs given. */
  n: number;
  /** Σ weights (= n when unweighted). */
  total: number;
  /** Kish effective sample size (Σw)²/Σw², used for κ's SE; = n when unweighted. */
  effectiveN: number;
  counts: {
    judgePassHumanPass: number;
    judgePassHumanFail: number;
    judgeFailHumanPass: number;
    judgeFailHumanFail: number;
  };
  /** [[pass/pass, pass/fail], [fail/pass, fail/fail]]: judge rows × human columns. */
  table: [[number, number], [number, number]];
  accuracy: number | null;
  /** Positive class = pass. */
  accept: PrecisionRecall;
  /** Positive class = fail. */
  reject: PrecisionRecall;
  kappa: KappaEstimate;
  judgePassRate: number | null;
  humanPassRate: number | null;
};

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/**
 * Weighted pairs (e.g. inverse-probability weights) contribute their weight to every count. κ's
 * SE then uses Kish's effective n rather than Σw, since Σw can be any scale. Ratios whose
 * denominator is empty are null, never NaN.
 */
export function confusion(pairs: readonly VerdictPair[], options: { confidence?: number } = {}): ConfusionResult {
  let pp = 0;
  let pf = 0;
  let fp = 0;
  let ff = 0;
  let sumW2 = 0;
  for (const pair of pairs) {
    const w = pair.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight must be finite and ≥ 0, got ${w}`);
    if (pair.judge !== "pass" && pair.judge !== "fail")
      throw new RangeError(`judge verdict must be pass or fail, got ${String(pair.judge)}`);
    if (pair.human !== "pass" && pair.human !== "fail")
      throw new RangeError(`human verdict must be pass or fail, got ${String(pair.human)}`);
    sumW2 += w * w;
    if (pair.judge === "pass") {
      if (pair.human === "pass") pp += w;
      else pf += w;
    } else if (pair.human === "pass") fp += w;
    else ff += w;
  }
  const total = pp + pf + fp + ff;
  const effectiveN = sumW2 > 0 ? (total * total) / sumW2 : 0;
  const table: [[number, number], [number, number]] = [
    [pp, pf],
    [fp, ff],
  ];
  return {
    n: pairs.length,
    total,
    effectiveN,
    counts: { judgePassHumanPass: pp, judgePassHumanFail: pf, judgeFailHumanPass: fp, judgeFailHumanFail: ff },
    table,
    accuracy: ratio(pp + ff, total),
    accept: { precision: ratio(pp, pp + pf), recall: ratio(pp, pp + fp) },
    reject: { precision: ratio(ff, fp + ff), recall: ratio(ff, pf + ff) },
    kappa: kappaFromTable(table, { effectiveN, confidence: options.confidence }),
    judgePassRate: ratio(pp + pf, total),
    humanPassRate: ratio(pp + fp, total),
  };
}
