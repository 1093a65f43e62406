import { describe, expect, it } from "vitest";
import { parseJudgeResponse, parseJudgeText } from "./parse-response";

const good = { rationale: "Fine.", instruction_compliance: 0.8, seamlessness: 0.7, preservation_balance: 0.9, technical_quality: 1 };
const answer = (text: string, finishReason = "STOP") => ({ candidates: [{ content: { parts: [{ text }] }, finishReason }] });

describe("parseJudgeText", () => {
  it("accepts a well-formed answer, a fenced one, and keeps a volunteered overall aside", () => {
    expect(parseJudgeText(JSON.stringify(good))).toMatchObject({ ok: true, scores: { technical_quality: 1 }, reportedOverall: null });
    expect(parseJudgeText("```json\n" + JSON.stringify({ ...good, overall: 0.81 }) + "\n```")).toMatchObject({
      ok: true,
      reportedOverall: 0.81,
    });
  });

  it("explains what is wrong and keeps the raw text", () => {
    const truncated = parseJudgeText('{"rationale": "x", "instr', "MAX_TOKENS");
    expect(truncated).toMatchObject({ ok: false, raw: '{"rationale": "x", "instr' });
    if (!truncated.ok) expect(truncated.error).toMatch(/not valid JSON \(finishReason MAX_TOKENS/);
    const badTypes = parseJudgeText(JSON.stringify({ ...good, seamlessness: "0.7", technical_quality: -0.1, rationale: " " }));
    if (badTypes.ok) throw new Error("expected failure");
    expect(badTypes.error).toMatch(/seamlessness: /);
    expect(badTypes.error).toMatch(/technical_quality: must be ≥ 0/);
    expect(badTypes.error).toMatch(/rationale: must not be empty/);
    expect(parseJudgeText("   ")).toMatchObject({ ok: false, error: "The judge returned an empty answer." });
    expect(parseJudgeText("[1, 2]")).toMatchObject({ ok: false });
  });
});

describe("parseJudgeResponse", () => {
  it("reads the first candidate's text parts, skipping thoughts", () => {
    const response = {
      candidates: [{ content: { parts: [{ text: "thinking…", thought: true }, { text: JSON.stringify(good) }] }, finishReason: "STOP" }],
    };
    expect(parseJudgeResponse(response)).toMatchObject({ ok: true, rationale: "Fine." });
  });

  it("turns refusals, blocks and empty answers into errors", () => {
    expect(parseJudgeResponse({ candidates: [{ finishReason: "SAFETY" }] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/refused \(finishReason SAFETY/),
    });
    expect(parseJudgeResponse({ promptFeedback: { blockReason: "PROHIBITED_CONTENT" } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/prompt was blocked \(PROHIBITED_CONTENT/),
    });
    expect(parseJudgeResponse({})).toMatchObject({ ok: false, error: expect.stringMatching(/no candidates/) });
    expect(parseJudgeResponse(answer("", "STOP"))).toMatchObject({ ok: false, error: expect.stringMatching(/no text/) });
  });
});
