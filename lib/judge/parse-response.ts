// Validates what the model answered. Structured output makes a well-formed answer likely, not
// certain: a refusal, a truncated answer, a missing criterion or a score on the wrong scale must
// become a clear error with the raw text kept for the audit trail, never a silent zero.
import { z } from "zod";
import { CRITERIA, type Criterion } from "../taxonomy";

const score = z.number().min(0, "must be ≥ 0").max(1, "must be ≤ 1");

export const judgeAnswerSchema = z.object({
  instruction_compliance: score,
  seamlessness: score,
  preservation_balance: score,
  technical_quality: score,
  rationale: z.string().trim().min(1, "must not be empty"),
  /** Not asked for; kept as reported_overall when a model volunteers it, never used for verdicts. */
  overall: z.number().optional(),
});

export type JudgeAnswer = z.infer<typeof judgeAnswerSchema>;

export type ParsedJudgeAnswer =
  | { ok: true; scores: Record<Criterion, number>; rationale: string; reportedOverall: number | null; raw: string }
  | { ok: false; error: string; raw: string };

/** The parts of a generateContent response this module reads (the SDK type is structurally wider). */
export type ResponseLike = {
  candidates?: {
    content?: { parts?: { text?: string; thought?: boolean }[] };
    finishReason?: string;
    finishMessage?: string;
  }[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
};

/** Finish reasons that mean the model declined or was stopped by a filter. */
const REFUSAL_REASONS = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "LANGUAGE",
  "OTHER",
]);

/** The answer text: text parts of the first candidate, without thought summaries. */
export function responseText(response: ResponseLike): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts
    .filter((part) => typeof part.text === "string" && !part.thought)
    .map((part) => part.text)
    .join("");
}

/** Models sometimes wrap JSON in a Markdown fence even in JSON mode; accept that, nothing looser. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? match[1] : text;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join(".") || "(answer)";
      if (issue.code === "invalid_type" && issue.input === undefined) return `${field}: missing`;
      return `${field}: ${issue.message}`;
    })
    .join("; ");
}

/** Parses the model's JSON text (already extracted from the response). */
export function parseJudgeText(text: string, finishReason?: string): ParsedJudgeAnswer {
  const raw = text;
  if (text.trim() === "") return { ok: false, error: "The judge returned an empty answer.", raw };
  let value: unknown;
  try {
    value = JSON.parse(stripFence(text));
  } catch (error) {
    const truncated = finishReason === "MAX_TOKENS" ? " (finishReason MAX_TOKENS: the answer was cut off)" : "";
    return { ok: false, error: `The judge's answer is not valid JSON${truncated}: ${(error as Error).message}`, raw };
  }
  const parsed = judgeAnswerSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, error: `The judge's answer does not match the rubric schema: ${describeIssues(parsed.error)}`, raw };
  }
  const scores = Object.fromEntries(CRITERIA.map((criterion) => [criterion, parsed.data[criterion]])) as Record<Criterion, number>;
  return { ok: true, scores, rationale: parsed.data.rationale, reportedOverall: parsed.data.overall ?? null, raw };
}

/** Parses a whole generateContent response: refusals and blocked prompts first, then the JSON. */
export function parseJudgeResponse(response: ResponseLike): ParsedJudgeAnswer {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    const message = response.promptFeedback?.blockReasonMessage;
    return {
      ok: false,
      error: `The judge refused: the prompt was blocked (${blockReason}${message ? `: ${message}` : ""}).`,
      raw: JSON.stringify(response.promptFeedback),
    };
  }
  const candidate = response.candidates?.[0];
  if (!candidate) return { ok: false, error: "The judge refused: the response has no candidates.", raw: JSON.stringify(response) };
  const text = responseText(response);
  const finishReason = candidate.finishReason;
  if (finishReason && REFUSAL_REASONS.has(finishReason) && text.trim() === "") {
    return {
      ok: false,
      error: `The judge refused (finishReason ${finishReason}${candidate.finishMessage ? `: ${candidate.finishMessage}` : ""}).`,
      raw: JSON.stringify({ finishReason, finishMessage: candidate.finishMessage }),
    };
  }
  if (text.trim() === "") {
    return {
      ok: false,
      error: `The judge returned no text (finishReason ${finishReason ?? "unknown"}).`,
      raw: JSON.stringify(candidate),
    };
  }
  return parseJudgeText(text, finishReason);
}
