// One preference pair → one DPO line or a counted exclusion (pure). Who decides, in order:
//   1. human pair labels (the reviewers' majority, see preferred.ts): ties, both-bad and splits
//      between reviewers are excluded and counted;
//   2. verdicts, when exactly one candidate passes (a reviewer's item verdict, else the judge's,
//      else the manifest prior);
//   3. the manifest's own order (chosen vs rejected attempt) for manifest pairs.
// Anything else is "undecided" (label it). The provenance says which rule fired and on what.
import { passesForExport, type CandidateVerdicts } from "../verdict";
import type { PairOrigin } from "./enums";
import type { PairOutcome } from "./preferred";

export type DpoCandidate = CandidateVerdicts;

export type DpoPair = {
  pairId: number;
  origin: PairOrigin;
  requestId: number;
  a: DpoCandidate;
  b: DpoCandidate;
  sourceImage: string;
  text: string;
  summarizedText: string;
  editType: string;
  /** "turns" pairs: the prompts from the original up to this turn. */
  promptChain: string[] | null;
};

export const DECIDERS = ["human", "human_review", "judge", "manifest"] as const;
export type Decider = (typeof DECIDERS)[number];

export type PairDecision =
  | { kind: "row"; chosen: DpoCandidate; rejected: DpoCandidate; decidedBy: Decider; how: string }
  | { kind: "drop"; reason: "tie" | "both_bad" | "split" | "undecided" };

function verdictSource(x: DpoCandidate, y: DpoCandidate): Decider {
  const isHuman = (candidate: DpoCandidate) => candidate.humanVerdict === "pass" || candidate.humanVerdict === "fail";
  if (isHuman(x) || isHuman(y)) return "human_review";
  if (x.judgeVerdict !== "none" || y.judgeVerdict !== "none") return "judge";
  return "manifest";
}

export function decidePair(pair: DpoPair, outcome: PairOutcome | undefined): PairDecision {
  const human = outcome?.outcome ?? "unlabelled";
  if (human === "a" || human === "b") {
    const [chosen, rejected] = human === "a" ? [pair.a, pair.b] : [pair.b, pair.a];
    const votes = outcome!.votes;
    return {
      kind: "row",
      chosen,
      rejected,
      decidedBy: "human",
      how: `pair label majority (${votes.a} a / ${votes.b} b / ${votes.tie} tie / ${votes.both_bad} both bad)`,
    };
  }
  if (human === "tie" || human === "both_bad" || human === "split") return { kind: "drop", reason: human };
  const passA = passesForExport(pair.a);
  const passB = passesForExport(pair.b);
  if (passA !== passB) {
    const [chosen, rejected] = passA ? [pair.a, pair.b] : [pair.b, pair.a];
    return { kind: "row", chosen, rejected, decidedBy: verdictSource(pair.a, pair.b), how: "verdicts: only the chosen candidate passes" };
  }
  if (pair.origin === "manifest") {
    return {
      kind: "row",
      chosen: pair.a,
      rejected: pair.b,
      decidedBy: "manifest",
      how: "manifest order (output_image over a rejected attempt)",
    };
  }
  return { kind: "drop", reason: "undecided" };
}

const judged = (candidate: DpoCandidate) => (candidate.judgeOverall >= 0 ? Math.round(candidate.judgeOverall * 10000) / 10000 : null);

/** The DPO record, keys in a fixed order (the line is written with Python json.dumps separators). */
export function dpoRecord(pair: DpoPair, decision: Extract<PairDecision, { kind: "row" }>, outcome: PairOutcome | undefined) {
  const chain = pair.promptChain && pair.promptChain.length > 1 ? pair.promptChain : null;
  return {
    instruction: chain ? chain.join("\n") : pair.text,
    summarized_instruction: chain ? chain[chain.length - 1] : pair.summarizedText,
    source_image: pair.sourceImage,
    chosen: decision.chosen.imagePath,
    rejected: decision.rejected.imagePath,
    edit_type: pair.editType,
    ...(chain ? { prompt_chain: chain } : {}),
    provenance: {
      pair_id: pair.pairId,
      origin: pair.origin,
      decided_by: decision.decidedBy,
      how: decision.how,
      label_ids: decision.decidedBy === "human" ? outcome!.labels.map((label) => label.id) : [],
      reviewers: decision.decidedBy === "human" ? [...new Set(outcome!.labels.map((label) => label.reviewer))] : [],
      labels:
        decision.decidedBy === "human"
          ? outcome!.labels.map((label) => ({ id: label.id, reviewer: label.reviewer, label: label.label }))
          : [],
      verdicts: { chosen: decision.chosen.effectiveVerdict, rejected: decision.rejected.effectiveVerdict },
      judge_overall: { chosen: judged(decision.chosen), rejected: judged(decision.rejected) },
    },
  };
}
