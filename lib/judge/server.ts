// The judge's entry point for the Next app. The guard lives here, not in runner.ts or gemini.ts,
// because the CLI runs those under tsx, where the real "server-only" package throws on import.
import "server-only";

export { cancelJob, createJob, getJob, isJobRunningHere, listJobs, resumeJob, runJob, JOB_STATUSES, ITEM_STATUSES } from "./runner";
export type { CreateJobInput, CreatedJob, JudgeFilter, RunOptions, JobStatus } from "./runner";
export { JUDGE_PROVIDERS, type JudgeProvider } from "./judges";
export { DEFAULT_GEMINI_MODEL, geminiJudgeId } from "./gemini";
export { PROMPT_VERSION } from "./prompt";
