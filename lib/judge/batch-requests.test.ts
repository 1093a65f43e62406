import { describe, expect, it } from "vitest";
import { batchRequestLine, parseBatchLine } from "./batch-requests";
import { batchSettings } from "./batch-store";

const input = {
  source: { bytes: Buffer.from([1, 2]), mimeType: "image/jpeg" },
  edited: { bytes: Buffer.from([3, 4]), mimeType: "image/png" },
  text: "Make it snow.",
  summarizedText: "snow",
  editType: "Change the weather",
};
const answer = (text: string, usage = { promptTokenCount: 600, candidatesTokenCount: 40, thoughtsTokenCount: 10 }) =>
  JSON.stringify({
    key: "candidate-42",
    response: { candidates: [{ content: { parts: [{ text }] }, finishReason: "STOP" }], usageMetadata: usage },
  });

describe("batch request lines", () => {
  it("keys each request by its candidate and sends both images inline", () => {
    const line = JSON.parse(batchRequestLine(42, input));
    expect(line.key).toBe("candidate-42");
    expect(line.request.generationConfig).toMatchObject({ responseMimeType: "application/json", temperature: 0 });
    const images = line.request.contents[0].parts.filter((part: { inlineData?: unknown }) => part.inlineData);
    expect(images.map((part: { inlineData: { data: string } }) => part.inlineData.data)).toEqual(["AQI=", "AwQ="]);
  });

  it("reads a good answer with its billed tokens (thinking counts as output)", () => {
    const parsed = parseBatchLine(
      answer(
        JSON.stringify({
          rationale: "Fine.",
          instruction_compliance: 0.9,
          seamlessness: 0.8,
          preservation_balance: 0.7,
          technical_quality: 0.6,
        }),
      ),
    );
    expect(parsed).toMatchObject({
      candidateId: 42,
      result: { ok: true, scores: { instruction_compliance: 0.9 }, usage: { inputTokens: 600, outputTokens: 50 } },
    });
  });

  it("keeps a malformed answer as a billed, final failure", () => {
    const parsed = parseBatchLine(answer('{"rationale": "cut'));
    expect(parsed?.result).toMatchObject({ ok: false, retryable: false, usage: { inputTokens: 600 } });
  });

  it("retries rate limits, server errors and timeouts, not rejected requests", () => {
    const failure = (code: number, status: string) =>
      parseBatchLine(JSON.stringify({ key: "candidate-7", error: { code, status, message: "m" } }))!.result;
    expect(failure(429, "RESOURCE_EXHAUSTED")).toMatchObject({ ok: false, retryable: true });
    expect(failure(13, "INTERNAL")).toMatchObject({ ok: false, retryable: true });
    expect(failure(504, "DEADLINE_EXCEEDED")).toMatchObject({ ok: false, retryable: true });
    expect(failure(400, "INVALID_ARGUMENT")).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/INVALID_ARGUMENT \(400\): m/),
    });
  });

  it("ignores lines that are not ours or not JSON", () => {
    expect(parseBatchLine('{"key": "request-1", "response": {}}')).toBeNull();
    expect(parseBatchLine('{"key": "candidate-1x"}')).toBeNull();
    expect(parseBatchLine("not json")).toBeNull();
  });
});

describe("batch settings", () => {
  it("reads sizes and polling from the environment and says which variable is wrong", () => {
    expect(batchSettings({}, {})).toMatchObject({ maxItems: 1000, maxOpen: 10, pollMs: 30_000, followUpMin: 100, maxBatchAttempts: 2 });
    expect(batchSettings({ pollMs: 5 }, { RIPE_JUDGE_BATCH_SIZE: "250", RIPE_JUDGE_BATCH_POLL_MS: "1000" })).toMatchObject({
      maxItems: 250,
      pollMs: 5,
    });
    expect(() => batchSettings({}, { RIPE_JUDGE_BATCH_SIZE: "0" })).toThrow(/RIPE_JUDGE_BATCH_SIZE must be at least 1/);
  });
});
