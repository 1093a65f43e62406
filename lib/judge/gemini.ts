// The Gemini judge, through the real @google/genai client (DESIGN.md §3). Tests and e2e point
// GEMINI_BASE_URL at a local fake speaking the same HTTP API, so this code path is what runs.
// Retries are ours, not the SDK's: the SDK does not retry a 500 unless asked, cannot retry a
// network error or a per-attempt timeout, and we want the caller's AbortSignal to stop a backoff.
// Not guarded by "server-only" because the tsx CLI imports it (that package throws outside a
// react-server bundle); the Next app imports the judge through lib/judge/server.ts instead.
import { ApiError, GoogleGenAI } from "@google/genai";
import { z } from "zod";
import type { Criterion } from "../taxonomy";
import { usageFrom } from "./batch-requests";
import { parseJudgeResponse } from "./parse-response";
import { buildJudgeContents, PROMPT_VERSION, RESPONSE_SCHEMA, SYSTEM_INSTRUCTION, type JudgeInput } from "./prompt";
import type { TokenUsage } from "./pricing";

export const DEFAULT_GEMINI_MODEL = "gemini-2.5-pro";

export type GeminiJudgeResult =
  | {
      ok: true;
      scores: Record<Criterion, number>;
      rationale: string;
      reportedOverall: number | null;
      raw: string;
      usage: TokenUsage;
      attempts: number;
    }
  | {
      ok: false;
      error: string;
      raw?: string;
      /** A later try may succeed (rate limit, server error, timeout, network). */
      retryable: boolean;
      /** The caller's signal stopped the call: not a judgement, the item stays to do. */
      isCancelled?: boolean;
      /** Tokens billed even though the answer was unusable (a malformed answer is still charged). */
      usage?: TokenUsage;
      attempts: number;
    };

export type GeminiSettings = {
  model: string;
  apiKey?: string;
  vertex?: { project: string; location: string };
  baseUrl?: string;
  /** Per attempt, not per call: a retry gets a fresh deadline. */
  timeoutMs: number;
  /** Including the first attempt. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
};

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

const envSchema = z.object({
  GEMINI_API_KEY: z.string().trim().min(1).optional(),
  GOOGLE_API_KEY: z.string().trim().min(1).optional(),
  GOOGLE_GENAI_USE_VERTEXAI: z.string().optional(),
  GOOGLE_CLOUD_PROJECT: z.string().trim().min(1).optional(),
  GOOGLE_CLOUD_LOCATION: z.string().trim().min(1).optional(),
  GEMINI_BASE_URL: z.url({ message: "GEMINI_BASE_URL must be a URL such as http://127.0.0.1:8787" }).optional(),
  GEMINI_MODEL: z.string().trim().min(1).optional(),
  GEMINI_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive({ message: "GEMINI_TIMEOUT_MS must be a positive number of milliseconds" })
    .optional(),
  GEMINI_MAX_ATTEMPTS: z.coerce.number().int().min(1, { message: "GEMINI_MAX_ATTEMPTS must be at least 1" }).optional(),
});

/**
 * Reads the Gemini settings from the environment once and fails with a message saying which
 * variable to set; overrides (CLI flags, tests) win over the environment.
 */
export function geminiSettings(
  overrides: Partial<GeminiSettings> = {},
  env: Record<string, string | undefined> = process.env,
): GeminiSettings {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    throw new Error(
      `Gemini judge configuration: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    );
  }
  const vars = parsed.data;
  const useVertex = overrides.vertex !== undefined || (overrides.apiKey === undefined && truthy(vars.GOOGLE_GENAI_USE_VERTEXAI));
  const settings: GeminiSettings = {
    model: overrides.model ?? vars.GEMINI_MODEL ?? DEFAULT_GEMINI_MODEL,
    baseUrl: overrides.baseUrl ?? vars.GEMINI_BASE_URL,
    timeoutMs: overrides.timeoutMs ?? vars.GEMINI_TIMEOUT_MS ?? 120_000,
    maxAttempts: overrides.maxAttempts ?? vars.GEMINI_MAX_ATTEMPTS ?? 4,
    initialDelayMs: overrides.initialDelayMs ?? 1_000,
    maxDelayMs: overrides.maxDelayMs ?? 60_000,
  };
  if (useVertex) {
    const project = overrides.vertex?.project ?? vars.GOOGLE_CLOUD_PROJECT;
    const location = overrides.vertex?.location ?? vars.GOOGLE_CLOUD_LOCATION;
    if (!project || !location) {
      throw new Error(
        "GOOGLE_GENAI_USE_VERTEXAI is set but GOOGLE_CLOUD_PROJECT or GOOGLE_CLOUD_LOCATION is missing: set both (and Application Default Credentials), or unset GOOGLE_GENAI_USE_VERTEXAI and set GEMINI_API_KEY.",
      );
    }
    return { ...settings, vertex: { project, location } };
  }
  const apiKey = overrides.apiKey ?? vars.GEMINI_API_KEY ?? vars.GOOGLE_API_KEY;
  if (!apiKey) {
    throw new Error(
      "No Gemini credentials: set GEMINI_API_KEY (https://aistudio.google.com/apikey), or GOOGLE_GENAI_USE_VERTEXAI=true with GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION. The offline judge needs none: --provider metrics.",
    );
  }
  return { ...settings, apiKey };
}

export function geminiJudgeId(model: string): string {
  return `gemini/${model.replace(/^models\//, "")}/${PROMPT_VERSION}`;
}

export type GeminiJudge = {
  judgeId: string;
  model: string;
  judge(input: JudgeInput, options?: { signal?: AbortSignal }): Promise<GeminiJudgeResult>;
};

export function createGeminiJudge(overrides: Partial<GeminiSettings> = {}): GeminiJudge {
  const settings = geminiSettings(overrides);
  const client = new GoogleGenAI({
    ...(settings.vertex
      ? { vertexai: true, project: settings.vertex.project, location: settings.vertex.location }
      : { apiKey: settings.apiKey }),
    ...(settings.baseUrl ? { httpOptions: { baseUrl: settings.baseUrl } } : {}),
  });
  return {
    judgeId: geminiJudgeId(settings.model),
    model: settings.model,
    judge: (input, options = {}) => judgeWithRetries(client, settings, input, options.signal),
  };
}

type AttemptFailure = { error: string; raw?: string; retryable: boolean; retryAfterMs?: number };

/** 429 bodies carry google.rpc.RetryInfo {retryDelay: "12s"}; the SDK keeps the body in the message. */
function retryDelayFrom(message: string): number | undefined {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(message);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

function classifyError(error: unknown, timedOut: boolean, timeoutMs: number): AttemptFailure {
  if (timedOut) return { error: `The judge did not answer within ${timeoutMs} ms.`, retryable: true };
  if (error instanceof ApiError) {
    const status = error.status;
    const isRetryable = status === 429 || status === 408 || status >= 500;
    const what =
      status === 429
        ? "rate limited (429)"
        : status >= 500
          ? `server error (${status})`
          : status === 401 || status === 403
            ? `refused the credentials (${status}): check GEMINI_API_KEY or the Vertex settings`
            : `rejected the request (${status})`;
    return {
      error: `Gemini ${what}`,
      raw: error.message,
      retryable: isRetryable,
      retryAfterMs: status === 429 ? retryDelayFrom(error.message) : undefined,
    };
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return { error: `Network error talking to Gemini: ${detail}`, retryable: true };
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with jitter (half fixed, half random), so parallel workers do not retry in step. */
export function backoffDelay(
  attempt: number,
  settings: Pick<GeminiSettings, "initialDelayMs" | "maxDelayMs">,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.min(settings.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

async function judgeWithRetries(
  client: GoogleGenAI,
  settings: GeminiSettings,
  input: JudgeInput,
  signal?: AbortSignal,
): Promise<GeminiJudgeResult> {
  const contents = buildJudgeContents(input);
  let failure: AttemptFailure = { error: "not attempted", retryable: true };
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    if (signal?.aborted) return { ok: false, error: "Cancelled.", retryable: true, isCancelled: true, attempts: attempt - 1 };
    const deadline = AbortSignal.timeout(settings.timeoutMs);
    try {
      const response = await client.models.generateContent({
        model: settings.model,
        contents,
        config: {
          systemInstruction: SYSTEM_INSTRUCTION,
          responseMimeType: "application/json",
          responseSchema: RESPONSE_SCHEMA,
          temperature: 0,
          abortSignal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        },
      });
      const usage = usageFrom(response.usageMetadata);
      const parsed = parseJudgeResponse(response);
      if (parsed.ok) return { ...parsed, usage, attempts: attempt };
      // A malformed answer or a refusal is an answer: retrying would charge again for the same.
      return { ok: false, error: parsed.error, raw: parsed.raw, retryable: false, usage, attempts: attempt };
    } catch (error) {
      if (signal?.aborted) return { ok: false, error: "Cancelled.", retryable: true, isCancelled: true, attempts: attempt };
      failure = classifyError(error, deadline.aborted, settings.timeoutMs);
      if (!failure.retryable) return { ok: false, error: failure.error, raw: failure.raw, retryable: false, attempts: attempt };
      if (attempt < settings.maxAttempts) {
        const isAwake = await sleep(backoffDelay(attempt, settings, failure.retryAfterMs), signal);
        if (!isAwake) return { ok: false, error: "Cancelled.", retryable: true, isCancelled: true, attempts: attempt };
      }
    }
  }
  return {
    ok: false,
    error: `${failure.error} (gave up after ${settings.maxAttempts} attempt${settings.maxAttempts === 1 ? "" : "s"})`,
    raw: failure.raw,
    retryable: true,
    attempts: settings.maxAttempts,
  };
}
