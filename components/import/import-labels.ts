// Display names for line kinds and job phases, shared by the job card and the recent-runs list.
import type { JobPhase } from "@/lib/import/upload-jobs";

export const KIND_LABELS: Record<string, string> = {
  sft: "SFT manifest",
  preference: "preference manifest",
  multi_turn: "multi-turn manifest",
  judge_scores: "judge scores",
  decisions: "decisions",
};

export const PHASE_LABELS: Record<JobPhase, string> = {
  queued: "queued",
  running: "importing",
  done: "done",
  rejected: "rejected (strict)",
  cancelled: "cancelled",
  failed: "failed",
  interrupted: "not finished",
};

export const PHASE_STYLES: Record<JobPhase, string> = {
  queued: "bg-neutral-800 text-neutral-300",
  running: "bg-amber-500/20 text-amber-200",
  done: "bg-emerald-500/15 text-emerald-300",
  rejected: "bg-red-500/15 text-red-300",
  cancelled: "bg-neutral-800 text-neutral-400",
  failed: "bg-red-500/15 text-red-300",
  interrupted: "bg-orange-500/15 text-orange-300",
};

export const formatCount = (value: number) => value.toLocaleString("en");

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
