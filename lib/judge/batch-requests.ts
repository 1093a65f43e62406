// The lines of a Gemini batch: one request per candidate, keyed by its id, with the same
// contents, system instruction and response schema as an interactive call (gemini.ts), written
// in the REST shape the Batch API reads from a JSONL file; and the result lines read back into
// the runner's results. Which failures are worth another try follows the interactive judge:
// rate limits, server errors and timeouts are; a malformed or refused answer (billed) is not.
import { parseJudgeResponse, type ResponseLike } from "./parse-response";
import type { JudgeCallResult } from "./judges";
import type { TokenUsage } from "./pricing";
import { buildJudgeContents, RESPONSE_SCHEMA, SYSTEM_INSTRUCTION, type JudgeInput } from "./prompt";

const KEY_PREFIX = "candidate-";

/** One JSONL line (no newline) asking to judge `candidateId`. */
export function batchRequestLine(candidateId: number, input: JudgeInput): string {
  return JSON.stringify({
    key: `${KEY_PREFIX}${candidateId}`,
    request: {
      contents: buildJudgeContents(input),
      systemInstruction: { role: "user", parts: [{ text: SYSTEM_INSTRUCTION }] },
      generationConfig: { responseMimeType: "application/json", responseSchema: RESPONSE_SCHEMA, temperature: 0 },
    },
  });
}

type UsageMetadata = {
  promptTokenCount?: number;
  toolUsePromptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
};

/** Tokens billed for one answer; thinking tokens are billed as output. */
export function usageFrom(metadata: UsageMetadata | undefined): TokenUsage {
  return {
    inputTokens: (metadata?.promptTokenCount ?? 0) + (metadata?.toolUsePromptTokenCount ?? 0),
    outputTokens: (metadata?.candidatesTokenCount ?? 0) + (metadata?.thoughtsTokenCount ?? 0),
  };
}

export type BatchLineResult = { candidateId: number; result: JudgeCallResult };

type ResultLine = {
  key?: string;
  response?: ResponseLike & { usageMetadata?: UsageMetadata };
  error?: { code?: number; message?: string; status?: string };
  status?: { code?: number; message?: string; status?: string };
};

/** Reads one line of a batch's results file; null for a line that names no candidate of ours. */
export function parseBatchLine(line: string): BatchLineResult | null {
  let parsed: ResultLine;
  try {
    parsed = JSON.parse(line) as ResultLine;
  } catch {
    return null;
  }
  const key = parsed.key ?? "";
  if (!key.startsWith(KEY_PREFIX) || !/^\d+$/.test(key.slice(KEY_PREFIX.length))) return null;
  const candidateId = Number(key.slice(KEY_PREFIX.length));
  if (parsed.response) {
    const usage = usageFrom(parsed.response.usageMetadata);
    const answer = parseJudgeResponse(parsed.response);
    // A malformed answer or a refusal is an answer: billed, and asking again would bill again.
    return {
      candidateId,
      result: answer.ok ? { ...answer, usage } : { ok: false, error: answer.error, raw: answer.raw, retryable: false, usage },
    };
  }
  const failure = parsed.error ?? parsed.status ?? {};
  const code = failure.code ?? 0;
  // gRPC codes (4 DEADLINE_EXCEEDED, 8 RESOURCE_EXHAUSTED, 13 INTERNAL, 14 UNAVAILABLE) or HTTP ones.
  const isRetryable = [4, 8, 13, 14, 408, 429].includes(code) || code >= 500;
  const what = failure.status ? `${failure.status} (${code})` : `error ${code}`;
  return {
    candidateId,
    result: {
      ok: false,
      error: `Gemini batch request failed: ${what}: ${failure.message ?? "no message"}`,
      raw: line.slice(0, 4000),
      retryable: isRetryable,
    },
  };
}
