import { afterEach, describe, expect, it } from "vitest";
import { batchPriceFor, costUsd, priceFor } from "./pricing";

afterEach(() => {
  delete process.env.RIPE_JUDGE_PRICE_INPUT;
  delete process.env.RIPE_JUDGE_PRICE_OUTPUT;
  delete process.env.RIPE_JUDGE_BATCH_PRICE_INPUT;
  delete process.env.RIPE_JUDGE_BATCH_PRICE_OUTPUT;
});

describe("pricing", () => {
  it("prices a call from its token counts", () => {
    // 100K in at $1.25/M + 100K out at $10/M = $1.125
    expect(costUsd("gemini-2.5-pro", { inputTokens: 100_000, outputTokens: 100_000 })).toBeCloseTo(1.125, 10);
    expect(costUsd("gemini-2.5-flash", { inputTokens: 1000, outputTokens: 1000 })).toBeCloseTo(0.0028, 10);
  });

  it("matches dated variants by the longest prefix and prices long prompts higher", () => {
    expect(priceFor("gemini-2.5-flash-lite-preview-09-2025")).toEqual({ inputPerMillion: 0.1, outputPerMillion: 0.4 });
    expect(priceFor("models/gemini-2.5-pro")?.inputPerMillion).toBe(1.25);
    expect(priceFor("gemini-2.5-pro", { inputTokens: 300_000, outputTokens: 0 })?.inputPerMillion).toBe(2.5);
  });

  it("charges nothing for unknown models and lets the environment override", () => {
    expect(costUsd("fake-model", { inputTokens: 1e6, outputTokens: 1e6 })).toBe(0);
    process.env.RIPE_JUDGE_PRICE_INPUT = "2";
    expect(costUsd("fake-model", { inputTokens: 1e6, outputTokens: 1e6 })).toBe(2);
    process.env.RIPE_JUDGE_PRICE_OUTPUT = "lots";
    expect(() => priceFor("gemini-2.5-pro")).toThrow(/RIPE_JUDGE_PRICE_OUTPUT/);
  });

  it("prices batch requests at half the interactive price, overridable on their own", () => {
    // 100K in at $0.625/M + 100K out at $5/M = $0.5625, half of the interactive $1.125
    expect(costUsd("gemini-2.5-pro", { inputTokens: 100_000, outputTokens: 100_000 }, batchPriceFor("gemini-2.5-pro"))).toBeCloseTo(
      0.5625,
      10,
    );
    expect(batchPriceFor("gemini-2.5-pro", { inputTokens: 300_000, outputTokens: 0 })?.inputPerMillion).toBe(1.25);
    expect(batchPriceFor("fake-model")).toBeNull();
    process.env.RIPE_JUDGE_PRICE_INPUT = "2";
    expect(batchPriceFor("fake-model")).toEqual({ inputPerMillion: 1, outputPerMillion: 0 });
    process.env.RIPE_JUDGE_BATCH_PRICE_OUTPUT = "3";
    expect(batchPriceFor("gemini-2.5-flash")).toEqual({ inputPerMillion: 1, outputPerMillion: 3 });
    process.env.RIPE_JUDGE_BATCH_PRICE_INPUT = "-1";
    expect(() => batchPriceFor("gemini-2.5-pro")).toThrow(/RIPE_JUDGE_BATCH_PRICE_INPUT/);
  });
});
