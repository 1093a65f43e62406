// The Gemini judge through the real @google/genai client against the local fake of the API.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini, type FakeReply } from "../testing/fake-gemini-server";
import { createGeminiJudge, geminiSettings, type GeminiSettings } from "./gemini";
import type { JudgeInput } from "./prompt";

const input: JudgeInput = {
  source: { bytes: Buffer.from("source-bytes"), mimeType: "image/jpeg" },
  edited: { bytes: Buffer.from("edited-bytes"), mimeType: "image/png" },
  text: "Replace the red car with a blue bicycle, keeping the street unchanged.",
  summarizedText: "Make the car a blue bike.",
  editType: "Replace one object category with another",
};

let fake: FakeGemini | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function judgeWith(script: (call: number) => FakeReply | undefined, settings: Partial<GeminiSettings> = {}, signal?: AbortSignal) {
  fake = await startFakeGemini({ apiKey: "test-key", script: (call) => script(call) });
  const judge = createGeminiJudge({
    apiKey: "test-key",
    baseUrl: fake.url,
    initialDelayMs: 5,
    maxDelayMs: 50,
    maxAttempts: 3,
    ...settings,
  });
  return judge.judge(input, { signal });
}

describe("gemini judge", () => {
  beforeAll(() => {
    delete process.env.GEMINI_MODEL;
  });

  it("sends both images, both instructions and the schema, and returns the scores", async () => {
    const result = await judgeWith(() => ({ kind: "success", scores: { instruction_compliance: 0.9 }, rationale: "Good." }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scores.instruction_compliance).toBe(0.9);
    expect(result.rationale).toBe("Good.");
    expect(result.usage.inputTokens).toBeGreaterThan(500);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const call = fake!.calls[0];
    expect(call.model).toBe("gemini-2.5-pro");
    expect(call.apiKey).toBe("test-key");
    expect(call.imageCount).toBe(2);
    expect(call.text).toContain(input.text);
    expect(call.text).toContain(input.summarizedText);
    expect(call.text).toContain(input.editType);
    expect(call.body.generationConfig?.responseMimeType).toBe("application/json");
    expect(call.body.generationConfig?.responseSchema).toBeTruthy();
  });

  it("records invalid JSON as a non-retryable error with the raw text and the billed tokens", async () => {
    const result = await judgeWith(() => ({ kind: "invalid-json" }));
    expect(result).toMatchObject({ ok: false, retryable: false });
    if (result.ok) return;
    expect(result.error).toMatch(/not valid JSON/);
    expect(result.raw).toContain('"instruction_compliance": 0.9,');
    expect(result.usage?.inputTokens).toBeGreaterThan(0);
    expect(fake!.calls).toHaveLength(1);
  });

  it("names the missing fields", async () => {
    const result = await judgeWith(() => ({ kind: "missing-fields" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/seamlessness: missing/);
    expect(result.error).toMatch(/technical_quality: missing/);
  });

  it("rejects scores outside [0, 1]", async () => {
    const result = await judgeWith(() => ({ kind: "out-of-range" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/instruction_compliance: must be ≤ 1/);
  });

  it("reports a refusal (finishReason SAFETY, no text)", async () => {
    const result = await judgeWith(() => ({ kind: "refusal" }));
    expect(result).toMatchObject({ ok: false, retryable: false });
    if (!result.ok) expect(result.error).toMatch(/refused \(finishReason SAFETY/);
  });

  it("retries a 429 and then succeeds", async () => {
    const result = await judgeWith((call) => (call === 0 ? { kind: "rate-limit", retryDelaySeconds: 0 } : undefined));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.attempts).toBe(2);
    expect(fake!.calls.map((call) => call.reply)).toEqual(["rate-limit", "default"]);
  });

  it("retries a 500 up to the attempt limit, then gives up with a retryable error", async () => {
    const result = await judgeWith(() => ({ kind: "server-error", status: 500 }));
    expect(result).toMatchObject({ ok: false, retryable: true, attempts: 3 });
    if (!result.ok) expect(result.error).toMatch(/server error \(500\).*gave up after 3 attempts/);
    expect(fake!.calls).toHaveLength(3);
  });

  it("does not retry a 400 (a bad key)", async () => {
    fake = await startFakeGemini({ apiKey: "right-key" });
    const judge = createGeminiJudge({ apiKey: "wrong-key", baseUrl: fake.url, initialDelayMs: 5, maxAttempts: 3 });
    const result = await judge.judge(input);
    expect(result).toMatchObject({ ok: false, retryable: false, attempts: 1 });
    if (!result.ok) expect(result.raw).toMatch(/API key not valid/);
  });

  it("times out a hanging call per attempt and retries it", async () => {
    const started = Date.now();
    const result = await judgeWith((call) => (call === 0 ? { kind: "hang" } : undefined), { timeoutMs: 300 });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(fake!.calls).toHaveLength(2);
  });

  it("gives up after timing out on every attempt", async () => {
    const result = await judgeWith(() => ({ kind: "hang" }), { timeoutMs: 150, maxAttempts: 2 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    if (!result.ok) expect(result.error).toMatch(/did not answer within 150 ms/);
  });

  it("retries network errors", async () => {
    fake = await startFakeGemini();
    const deadUrl = fake.url;
    await fake.close();
    fake = undefined;
    const judge = createGeminiJudge({ apiKey: "k", baseUrl: deadUrl, initialDelayMs: 5, maxAttempts: 2 });
    const result = await judge.judge(input);
    expect(result).toMatchObject({ ok: false, retryable: true, attempts: 2 });
    if (!result.ok) expect(result.error).toMatch(/Network error.*ECONNREFUSED/);
  });

  it("stops at once when the caller aborts, as a cancellation rather than an error", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await judgeWith(() => ({ kind: "hang" }), { timeoutMs: 10_000 }, controller.signal);
    expect(result).toMatchObject({ ok: false, isCancelled: true });
  });
});

describe("gemini settings", () => {
  it("fails with a message naming the variable to set", () => {
    expect(() => geminiSettings({}, {})).toThrow(/set GEMINI_API_KEY/);
    expect(() => geminiSettings({}, { GOOGLE_GENAI_USE_VERTEXAI: "true" })).toThrow(/GOOGLE_CLOUD_PROJECT/);
    expect(() => geminiSettings({}, { GEMINI_API_KEY: "k", GEMINI_TIMEOUT_MS: "soon" })).toThrow(/GEMINI_TIMEOUT_MS/);
  });

  it("reads the model, base URL and Vertex settings", () => {
    expect(
      geminiSettings({}, { GEMINI_API_KEY: "k", GEMINI_MODEL: "gemini-2.5-flash", GEMINI_BASE_URL: "http://127.0.0.1:9" }),
    ).toMatchObject({
      apiKey: "k",
      model: "gemini-2.5-flash",
      baseUrl: "http://127.0.0.1:9",
    });
    expect(
      geminiSettings({}, { GOOGLE_GENAI_USE_VERTEXAI: "1", GOOGLE_CLOUD_PROJECT: "p", GOOGLE_CLOUD_LOCATION: "us-central1" }).vertex,
    ).toEqual({ project: "p", location: "us-central1" });
  });
});
