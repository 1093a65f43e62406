// What each manifest row becomes on export, from its candidates' effective verdicts (pure).
// A request appears in SFT with a passing candidate (the human-preferred one when several pass);
// a candidate a human rejected leaves SFT; preference rows list the chosen and the failed ones.
import { passesForExport, type CandidateVerdicts } from "../verdict";

export type ExportCandidate = CandidateVerdicts;

export function failsForExport(candidate: ExportCandidate): boolean {
  return !passesForExport(candidate);
}

/** The candidate SFT should carry: preferred if it passes, else the row's own, else the best-scored pass. */
export function chooseOutput(
  candidates: readonly ExportCandidate[],
  originalPath: string,
  preferredId?: number | null,
): ExportCandidate | null {
  const passing = candidates.filter(passesForExport);
  if (passing.length === 0) return null;
  const preferred = preferredId != null ? passing.find((candidate) => candidate.id === preferredId) : undefined;
  if (preferred) return preferred;
  const original = passing.find((candidate) => candidate.imagePath === originalPath);
  if (original) return original;
  return [...passing].sort((a, b) => b.judgeOverall - a.judgeOverall || a.id - b.id)[0];
}

export type RowDecision =
  | { action: "keep" }
  | { action: "change"; changes: Record<string, unknown>; byHuman: boolean }
  | { action: "drop"; reason: string; byHuman: boolean };

const touchedByHuman = (candidates: readonly ExportCandidate[]) => candidates.some((candidate) => candidate.humanVerdict !== "none");

export function decideSft(candidates: readonly ExportCandidate[], outputImage: string, preferredId?: number | null): RowDecision {
  const chosen = chooseOutput(candidates, outputImage, preferredId);
  if (!chosen) return { action: "drop", reason: "no passing candidate", byHuman: touchedByHuman(candidates) };
  if (chosen.imagePath === outputImage) return { action: "keep" };
  return { action: "change", changes: { output_image: chosen.imagePath }, byHuman: touchedByHuman(candidates) || preferredId != null };
}

export function decidePreference(
  candidates: readonly ExportCandidate[],
  record: { output_image: string; rejected_images: readonly string[] },
  preferredId?: number | null,
): RowDecision {
  const chosen = chooseOutput(candidates, record.output_image, preferredId);
  const byHuman = touchedByHuman(candidates) || preferredId != null;
  if (!chosen) return { action: "drop", reason: "no passing candidate", byHuman };
  // Keep the manifest's order for rejected attempts that still fail, then any newly failed ones.
  // A human-preferred chosen beat the others in pair labels: they are all rejected, passing or not.
  const isHumanChosen = preferredId != null && chosen.id === preferredId;
  const failing = candidates.filter((candidate) => candidate.id !== chosen.id && (isHumanChosen || failsForExport(candidate)));
  const failingPaths = new Set(failing.map((candidate) => candidate.imagePath));
  const rejected = [
    ...record.rejected_images.filter((image) => failingPaths.has(image)),
    ...failing.map((candidate) => candidate.imagePath).filter((image) => !record.rejected_images.includes(image)),
  ];
  const uniqueRejected = [...new Set(rejected)];
  if (uniqueRejected.length === 0) return { action: "drop", reason: "no rejected candidate left", byHuman };
  const isSameChosen = chosen.imagePath === record.output_image;
  const isSameRejected =
    uniqueRejected.length === record.rejected_images.length &&
    uniqueRejected.every((image, index) => image === record.rejected_images[index]);
  if (isSameChosen && isSameRejected) return { action: "keep" };
  return { action: "change", changes: { output_image: chosen.imagePath, rejected_images: uniqueRejected }, byHuman };
}

export function decideMultiTurn(turns: readonly ExportCandidate[]): RowDecision {
  const failed = turns.filter(failsForExport);
  if (failed.length === 0) return { action: "keep" };
  return { action: "drop", reason: `turn${failed.length > 1 ? "s" : ""} failed`, byHuman: touchedByHuman(failed) };
}
