import { describe, expect, it } from "vitest";
import { CRITERIA } from "../taxonomy";
import { buildJudgeContents, PROMPT_VERSION, RESPONSE_SCHEMA, type JudgeInput } from "./prompt";

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
    expect(parts.find((part) => part.inlineData?.mimeType === "image/png")?.inlineData?.data).toBe(Buffer.from([4, 5, 6]).toString("base64"));
  });

  it("says when the two instructions are identical and names every criterion with its weight", () => {
    const text = buildJudgeContents(input)[0].parts!.map((part) => part.text ?? "").join("\n");
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
});
