import { describe, expect, it } from "vitest";
import { ipwEstimate, isConvenienceSample, samplingKind, type SampledItem } from "./sampling";

// Two strata of a population of N = 1000: six items sampled with π = 0.01 (values 1,0,0,1,0,0)
// and four with π = 0.05 (values 1,1,0,1). Hand: Σ y/π = 2·100 + 3·20 = 260, Σ 1/π = 680.
//   HT rate = 260/1000 = 0.26; y/π − T̂/n = 74,−26,−26,74,−26,−26,−6,−6,−26,−6 → Σ² = 14440,
//   v(T̂) = 10/9 · 14440 → SE(rate) = 126.667/1000 = 0.1266667.
//   Hájek = 260/680 = 0.382353; SE (linearised, numpy) 0.18337377415385184.
const strata: SampledItem[] = [
  ...[1, 0, 0, 1, 0, 0].map((value) => ({ value: value as 0 | 1, probability: 0.01 })),
  ...[1, 1, 0, 1].map((value) => ({ value: value as 0 | 1, probability: 0.05 })),
];

describe("ipwEstimate", () => {
  it("Horvitz–Thompson and Hájek match the hand computation", () => {
    const r = ipwEstimate(strata, 1000);
    expect(r.total).toBeCloseTo(260, 10);
    expect(r.estimatedPopulation).toBeCloseTo(680, 10);
    expect(r.horvitzThompson.rate).toBeCloseTo(0.26, 12);
    expect(r.horvitzThompson.se).toBeCloseTo(Math.sqrt((10 / 9) * 14440) / 1000, 12);
    expect(r.horvitzThompson.ci!.lo).toBeCloseTo(0.011737895291593137, 9);
    expect(r.horvitzThompson.ci!.hi).toBeCloseTo(0.5082621047084068, 9);
    expect(r.hajek.rate).toBeCloseTo(260 / 680, 12);
    expect(r.hajek.se).toBeCloseTo(0.18337377415385184, 12);
    expect(r.hajek.ci!.lo).toBeCloseTo(0.022946948125739164, 9);
    expect(r.hajek.ci!.hi).toBeCloseTo(0.741758934227202, 9);
    expect(r.varianceMethod).toMatch(/with-replacement/);
  });

  it("under simple random sampling the Hájek SE is s/√n", () => {
    // 7 of 10 → p̂ 0.7, s² = 0.7·0.3·10/9 → s/√n = 0.15275252316519464.
    const values = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1] as const;
    const r = ipwEstimate(
      values.map((value) => ({ value, probability: 10 / 500 })),
      500,
    );
    expect(r.hajek.rate).toBeCloseTo(0.7, 12);
    expect(r.horvitzThompson.rate).toBeCloseTo(0.7, 12);
    expect(r.hajek.se).toBeCloseTo(0.15275252316519464, 12);
    expect(r.horvitzThompson.se).toBeCloseTo(0.15275252316519464, 12);
  });

  it("clamps CIs to [0, 1]", () => {
    const r = ipwEstimate(
      [
        { value: 1, probability: 0.5 },
        { value: 0, probability: 0.5 },
      ],
      4,
    );
    expect(r.hajek.ci!.lo).toBe(0);
    expect(r.hajek.ci!.hi).toBe(1);
  });

  it("edge cases: no items, one item, all zeros", () => {
    const none = ipwEstimate([], 100);
    expect(none).toMatchObject({
      n: 0,
      total: null,
      horvitzThompson: { rate: null, se: null, ci: null },
      hajek: { rate: null },
      reason: "no sampled items",
    });
    const one = ipwEstimate([{ value: 1, probability: 0.1 }], 100);
    expect(one.hajek).toEqual({ rate: 1, se: null, ci: null });
    expect(one.horvitzThompson.rate).toBeCloseTo(0.1, 12);
    expect(one.reason).toMatch(/at least 2/);
    const zeros = ipwEstimate(
      [
        { value: 0, probability: 0.1 },
        { value: 0, probability: 0.2 },
      ],
      100,
    );
    expect(zeros.hajek).toEqual({ rate: 0, se: 0, ci: { lo: 0, hi: 0 } });
  });

  it("rejects invalid probabilities and population sizes", () => {
    expect(() => ipwEstimate([{ value: 1, probability: 0 }], 10)).toThrow(RangeError);
    expect(() => ipwEstimate([{ value: 1, probability: 1.5 }], 10)).toThrow(RangeError);
    expect(() => ipwEstimate([], 0)).toThrow(RangeError);
  });
});

describe("samplingKind", () => {
  it("tells probability samples from convenience samples", () => {
    expect(samplingKind([])).toBe("none");
    expect(samplingKind([{ probability: 0.2 }, { probability: 1 }])).toBe("probability");
    expect(samplingKind([{ probability: 0.2 }, { probability: null }])).toBe("convenience");
    expect(samplingKind([{}])).toBe("convenience");
    expect(isConvenienceSample([{ probability: 0 }])).toBe(true);
    expect(isConvenienceSample([{ probability: 0.3 }])).toBe(false);
    expect(isConvenienceSample([])).toBe(false);
  });
});
