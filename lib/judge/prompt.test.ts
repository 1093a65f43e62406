import { describe, expect, it } from "vitest";
import { CRITERIA } from "../taxonomy";
import { buildJudgeContents, promptFingerprint, PROMPT_VERSION, RESPONSE_SCHEMA, type JudgeInput } from "./prompt";
import { geminiJudgeId } from "./gemini";

/**
 * Every released prompt version with the fingerprint of its text. Append a line when you bump
 * PROMPT_VERSION; never edit a released line: stored judgements carry that version in their id.
 */
const RELEASED_PROMPTS: Record<string, string> = {
  "rubric-v1": "242a9347de17",
};

const input: JudgeInput = {
  source: { bytes: Buffer.from([1, 2, 3]), mimeType: "image/jpeg" },
  edited: { bytes: Buffer.from([4, 5, 6]), mimeType: "image/png" },
  text: "Turn the sky into a sunset.",
  summarizedText: "Turn the sky into a sunset.",
  editType: "Change the time of day (day ↔ night)",
};

describe("judge prompt", () => {
  it("labels the source before the edit and sends both as inline data", () => {
    const parts = buildJudgeContents(input)[0].parts!;
    const labels = parts.map((part) => part.text ?? `<${part.inlineData?.mimeType}>`);
    expect(labels.indexOf("<image/jpeg>")).toBe(labels.findIndex((label) => label.startsWith("SOURCE IMAGE")) + 1);
    expect(labels.indexOf("<image/png>")).toBe(labels.findIndex((label) => label.startsWith("EDITED IMAGE")) + 1);
    expect(parts.find((part) => part.inlineData?.mimeType === "image/png")?.inlineData?.data).toBe(
      Buffer.from([4, 5, 6]).toString("base64"),
    );
  });

  it("says when the two instructions are identical and names every criterion with its weight", () => {
    const text = buildJudgeContents(input)[0]
      .parts!.map((part) => part.text ?? "")
      .join("\n");
    expect(text).toContain("identical to the long one");
    expect(text).toContain("day ↔ night");
    expect(text).toContain("instruction_compliance (weight 0.40)");
    expect(text).toContain("technical_quality (weight 0.15)");
    expect(text).toMatch(/Do not compute an overall/);
  });

  it("asks for the rationale first and all four scores, bounded to [0, 1]", () => {
    expect(PROMPT_VERSION).toBe("rubric-v1");
    expect(RESPONSE_SCHEMA.required).toEqual(["rationale", ...CRITERIA]);
    expect(RESPONSE_SCHEMA.propertyOrdering?.[0]).toBe("rationale");
    for (const criterion of CRITERIA) expect(RESPONSE_SCHEMA.properties?.[criterion]).toMatchObject({ minimum: 0, maximum: 1 });
  });

  it("is a new judge id whenever the prompt text changes (released versions are pinned)", () => {
    expect(
      Object.keys(RELEASED_PROMPTS),
      `record ${PROMPT_VERSION} and its fingerprint ${promptFingerprint()} in RELEASED_PROMPTS`,
    ).toContain(PROMPT_VERSION);
    expect(promptFingerprint(), `the prompt text changed: bump PROMPT_VERSION in lib/judge/prompt.ts and record the new fingerprint`).toBe(
      RELEASED_PROMPTS[PROMPT_VERSION],
    );
    expect(new Set(Object.values(RELEASED_PROMPTS)).size).toBe(Object.keys(RELEASED_PROMPTS).length);
    expect(geminiJudgeId("models/gemini-2.5-flash")).toBe(`gemini/gemini-2.5-flash/${PROMPT_VERSION}`);
  });

  it("fingerprints the response schema too, not only the text", () => {
    const before = promptFingerprint();
    const description = RESPONSE_SCHEMA.properties!.rationale.description;
    RESPONSE_SCHEMA.properties!.rationale.description = `${description} `;
    try {
      expect(promptFingerprint()).not.toBe(before);
    } finally {
      RESPONSE_SCHEMA.properties!.rationale.description = description;
    }
    expect(promptFingerprint()).toBe(before);
  });
});
