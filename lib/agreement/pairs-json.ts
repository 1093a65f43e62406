// The preference-pair agreement (lib/pairs/agreement.ts) as plain JSON for the agreement route
// and CLI: the same numbers the pairs part of the page shows, snake_case like the rest of the
// JSON, intervals as [lo, hi], the per-metric pair ids left out (the page links them).
import type { Interval } from "../audit";
import type { AgreementSummary, JudgeMatchRow } from "../pairs/agreement";

const range = (interval: Interval | null) => (interval ? [interval.lo, interval.hi] : null);
const judgeRow = (row: JudgeMatchRow) => ({
  edit_type: row.editType,
  compared: row.compared,
  matches: row.matches,
  share: row.share,
  ci: range(row.ci),
  judge_ties: row.judgeTies,
});

export function pairsAgreementJson(summary: AgreementSummary) {
  const { multi, bias, consistency, judge } = summary;
  return {
    labels: summary.labels,
    reviewers: summary.reviewers.map((row) => ({
      reviewer: row.reviewer,
      pairs: row.pairs,
      by_label: row.byLabel,
      repeats: row.repeats,
      left_share: row.bias.leftShare,
      left_share_ci: range(row.bias.ci),
    })),
    multi: {
      pairs: multi.pairs,
      all_agree: multi.allAgree,
      all_agree_share: multi.allAgreeShare,
      fleiss_kappa: multi.fleiss.kappa,
      fleiss_kappa_note: multi.fleiss.reason,
    },
    pairwise: summary.duos.map((duo) => ({
      a: duo.first,
      b: duo.second,
      n: duo.shared,
      kappa: duo.kappa.kappa,
      kappa_ci: range(duo.kappa.ci),
      percent_agreement: duo.agreement,
      note: duo.kappa.reason,
    })),
    position_bias: {
      left: bias.left,
      right: bias.right,
      undecided: bias.undecided,
      left_share: bias.leftShare,
      ci: range(bias.ci),
      biased: bias.biased,
    },
    self_consistency: {
      repeats: consistency.pairs,
      consistent: consistency.consistent,
      share: consistency.share,
      ci: range(consistency.ci),
      decisive_repeats: consistency.decisivePairs,
      decisive_consistent: consistency.decisiveConsistent,
      decisive_share: consistency.decisiveShare,
      skipped: consistency.skipped,
    },
    judge_match: { overall: judgeRow(judge.overall), by_edit_type: judge.byEditType.map(judgeRow) },
  };
}

export type PairsAgreementJson = ReturnType<typeof pairsAgreementJson>;
