// Pure statistics for the judge audit and preference agreement: no database, no I/O, so the
// same functions serve server components, the CLI and tests. Formulas and their sources are in
// each module's header and in REFERENCES.md.
export { confusion, type ConfusionResult, type PrecisionRecall, type Verdict, type VerdictPair } from "./confusion";
export { cohenKappa, kappaFromTable, percentAgreement, type CohenKappaResult, type KappaEstimate } from "./kappa";
export { countsByCategory, fleissKappa, type FleissResult } from "./fleiss";
export { averageRanks, pearson, spearman, type Correlation } from "./rank";
export { meanDifferenceCI, normalInterval, wilson, type Interval, type MeanCI, type Proportion } from "./intervals";
export {
  logGamma,
  normalQuantile,
  normalUpperTail,
  regularizedBeta,
  regularizedGammaQ,
  studentTQuantile,
  studentTUpperTail,
  zCritical,
} from "./distributions";
export { reliability, type Reliability, type ReliabilityBin } from "./calibration";
export { bestThreshold, defaultThresholds, thresholdSweep, type SweepItem, type ThresholdRow, type ThresholdSweep } from "./threshold";
export { fitLogistic, type LogisticFit } from "./logistic";
export { fitWeights, type FitWeightsOptions, type FitWeightsResult, type Scores4, type WeightFit, type WeightItem } from "./fit-weights";
export {
  ipwEstimate,
  isConvenienceSample,
  samplingKind,
  VARIANCE_METHOD,
  type IpwEstimate,
  type RateEstimate,
  type SampledItem,
  type SamplingKind,
} from "./sampling";
export {
  chosenSide,
  positionBias,
  selfConsistency,
  type PositionBias,
  type PreferenceLabel,
  type RepeatedPair,
  type SelfConsistency,
  type Side,
} from "./preference";
