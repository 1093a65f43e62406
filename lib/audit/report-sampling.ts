// Sampling-aware part of the audit report. Labels from an audit sample (known inclusion
// probabilities) support estimates for the whole dataset, weighted by 1/π (Hájek ratio
// estimator with a linearised interval, lib/audit/sampling.ts). Labels picked by browsing are a
// convenience sample: the report then says the rates describe only the reviewed items.
import { confusion } from "./confusion";
import { ipwEstimate, samplingKind, VARIANCE_METHOD, type SamplingKind } from "./sampling";
import { isLabelled, toInterval, type IntervalPair, type ItemOutcome } from "./report-stats";

export type SampleSummary = { id: number; method: string; size: number; seed: number; created_at: string };
/** The chosen sample's items inside the slice (edit type / group already applied). */
export type SampleUnits = { sampleId: number; items: { candidateId: number; probability: number }[] };

export type RateOut = { rate: number | null; se: number | null; ci: IntervalPair; n: number };

export type SampleEstimate = {
  sample_id: number;
  method: string;
  /** Sampled items in this slice. */
  sampled: number;
  /** Of those, items with a human pass/fail and a judge verdict. */
  labelled: number;
  coverage: number | null;
  /** Judged candidates of the slice: the population the estimates describe. */
  population: number;
  error_rate: RateOut;
  human_pass_rate: RateOut;
  /** Of the judge's passes, the share humans would reject: junk that reaches the export. */
  false_accept_rate: RateOut;
  /** Of the judge's fails, the share humans would accept: good data thrown away. */
  false_reject_rate: RateOut;
  kappa: number | null;
  kappa_ci: IntervalPair;
  variance_method: string;
  note: string | null;
};

export type SamplingReport = {
  kind: SamplingKind;
  note: string;
  /** Labelled items whose counted decision came from an audit sample. */
  labels_from_samples: number;
  samples: SampleSummary[];
  estimate: SampleEstimate | null;
};

function rate(values: { value: 0 | 1; probability: number }[], population: number): RateOut {
  if (values.length === 0) return { rate: null, se: null, ci: null, n: 0 };
  const estimate = ipwEstimate(values, Math.max(population, 1)).hajek;
  return { rate: estimate.rate, se: estimate.se, ci: toInterval(estimate.ci), n: values.length };
}

export function sampleEstimate(
  units: SampleUnits,
  method: string,
  outcomes: ReadonlyMap<number, ItemOutcome>,
  population: number,
): SampleEstimate {
  const labelled = units.items.flatMap((unit) => {
    const item = outcomes.get(unit.candidateId);
    return item && isLabelled(item) ? [{ item, probability: unit.probability }] : [];
  });
  const values = (pick: (entry: (typeof labelled)[number]) => boolean, keep: (entry: (typeof labelled)[number]) => boolean = () => true) =>
    labelled.filter(keep).map((entry) => ({ value: (pick(entry) ? 1 : 0) as 0 | 1, probability: entry.probability }));
  const weighted = confusion(labelled.map(({ item, probability }) => ({ judge: item.judge, human: item.human, weight: 1 / probability })));
  const missing = units.items.length - labelled.length;
  return {
    sample_id: units.sampleId,
    method,
    sampled: units.items.length,
    labelled: labelled.length,
    coverage: units.items.length ? labelled.length / units.items.length : null,
    population,
    error_rate: rate(
      values((e) => e.item.judge !== e.item.human),
      population,
    ),
    human_pass_rate: rate(
      values((e) => e.item.human === "pass"),
      population,
    ),
    false_accept_rate: rate(
      values(
        (e) => e.item.human === "fail",
        (e) => e.item.judge === "pass",
      ),
      population,
    ),
    false_reject_rate: rate(
      values(
        (e) => e.item.human === "pass",
        (e) => e.item.judge === "fail",
      ),
      population,
    ),
    kappa: weighted.kappa.kappa,
    kappa_ci: toInterval(weighted.kappa.ci),
    variance_method: VARIANCE_METHOD,
    note:
      labelled.length === 0
        ? "No item of this sample has been labelled yet: review it in the queue."
        : missing > 0
          ? `${missing} of ${units.items.length} sampled items are not labelled yet; the estimates assume they are like the labelled ones. Finish the sample for a clean estimate.`
          : null,
  };
}

export function samplingReport(
  outcomes: readonly ItemOutcome[],
  samples: SampleSummary[],
  units: SampleUnits | null,
  population: number,
): SamplingReport {
  const labelled = outcomes.filter(isLabelled);
  const kind = samplingKind(labelled.map((item) => ({ probability: item.sampleProbability })));
  const fromSamples = labelled.filter((item) => item.sampleProbability !== null).length;
  const byId = new Map(outcomes.map((item) => [item.candidateId, item]));
  const chosen = units ? samples.find((sample) => sample.id === units.sampleId) : undefined;
  const estimate = units && chosen ? sampleEstimate(units, chosen.method, byId, population) : null;
  const note =
    kind === "none"
      ? "No human labels yet."
      : kind === "probability"
        ? "Every label came from an audit sample with known inclusion probabilities: the weighted estimates describe the whole dataset."
        : `Convenience sample: ${labelled.length - fromSamples} of ${labelled.length} labels were not drawn by an audit sample ` +
          "(picked while browsing, or imported), so the rates describe the reviewed items only, not the dataset." +
          (estimate
            ? " The audit-sample estimate below is the one to quote for the dataset."
            : " Draw an audit sample in the review queue for dataset-wide estimates.");
  return { kind, note, labels_from_samples: fromSamples, samples, estimate };
}
