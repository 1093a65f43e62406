// The two judge providers behind one interface, so the runner does not care which one it drives:
// `gemini` (a paid API call) and `metrics` (offline pixels: only preservation and technical
// quality, the other two criteria stay null and the verdict renormalises over what was scored).
import type { Criterion } from "../taxonomy";
import { createGeminiJudge, DEFAULT_GEMINI_MODEL, geminiJudgeId, type GeminiSettings } from "./gemini";
import { METRICS_JUDGE_ID, scoreWithMetrics } from "./metrics";
import type { TokenUsage } from "./pricing";
import type { JudgeInput } from "./prompt";

export const JUDGE_PROVIDERS = ["gemini", "metrics"] as const;
export type JudgeProvider = (typeof JUDGE_PROVIDERS)[number];

export type JudgeCallResult =
  | {
      ok: true;
      scores: Record<Criterion, number | null>;
      rationale: string;
      reportedOverall: number | null;
      raw: string;
      usage?: TokenUsage;
    }
  | { ok: false; error: string; raw?: string; retryable: boolean; isCancelled?: boolean; usage?: TokenUsage };

export type Judge = {
  /** provider/model/prompt-version: judgements of different ids are never mixed or re-charged. */
  judgeId: string;
  judge(input: JudgeInput, options: { signal?: AbortSignal }): Promise<JudgeCallResult>;
};

/** The judge id a job records before any call is made (no credentials needed). */
export function judgeIdFor(provider: JudgeProvider, model?: string): string {
  if (provider === "metrics") return METRICS_JUDGE_ID;
  return geminiJudgeId(model ?? process.env.GEMINI_MODEL ?? DEFAULT_GEMINI_MODEL);
}

export const metricsJudge: Judge = {
  judgeId: METRICS_JUDGE_ID,
  async judge(input) {
    const result = await scoreWithMetrics(input.source.bytes, input.edited.bytes);
    const { rationale, ...rest } = result;
    return {
      ok: true,
      scores: {
        instruction_compliance: null,
        seamlessness: null,
        preservation_balance: result.preservation_balance,
        technical_quality: result.technical_quality,
      },
      rationale,
      reportedOverall: null,
      raw: JSON.stringify(rest),
    };
  },
};

/** Builds the judge for a provider; for Gemini this reads (and checks) the credentials. */
export function createJudge(provider: JudgeProvider, model?: string, gemini: Partial<GeminiSettings> = {}): Judge {
  if (provider === "metrics") return metricsJudge;
  return createGeminiJudge({ ...gemini, ...(model ? { model } : {}) });
}

/** The first 15 parameters of the judgement-storing statements ($1–$15), in their order. */
export function judgementParams(
  candidateId: number,
  job: { id: number; judgeId: string },
  result: JudgeCallResult,
  cost: number | null,
): unknown[] {
  const usage = result.usage;
  const scores = result.ok ? result.scores : null;
  return [
    candidateId,
    job.judgeId,
    scores?.instruction_compliance ?? null,
    scores?.seamlessness ?? null,
    scores?.preservation_balance ?? null,
    scores?.technical_quality ?? null,
    result.ok ? result.reportedOverall : null,
    result.ok ? result.rationale : null,
    result.raw ?? null,
    result.ok ? null : result.error,
    usage?.inputTokens ?? null,
    usage?.outputTokens ?? null,
    cost,
    job.id,
    result.ok ? "done" : "error",
  ];
}
