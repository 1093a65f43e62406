import { describe, expect, it } from "vitest";
import {
  logGamma,
  normalQuantile,
  normalUpperTail,
  regularizedBeta,
  regularizedGammaQ,
  studentTQuantile,
  studentTUpperTail,
  zCritical,
} from "./distributions";

describe("logGamma", () => {
  it("matches closed forms", () => {
    // ln Γ(½) = ln √π; ln Γ(10) = ln 9! = ln 362880; Γ(1) = Γ(2) = 1.
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    // Γ(0.1) = 9.513507698668732 (Abramowitz & Stegun table 6.1 / scipy.special.gamma).
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });
  it("rejects non-positive input", () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe("regularizedBeta / regularizedGammaQ", () => {
  it("matches closed forms", () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_½(a, a) = ½ by symmetry.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.7, 3.5, 1)).toBeCloseTo(0.7 ** 3.5, 13);
    expect(regularizedBeta(0.5, 7.25, 7.25)).toBeCloseTo(0.5, 13);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    // Q(1, x) = e^(−x).
    expect(regularizedGammaQ(1, 2.5)).toBeCloseTo(Math.exp(-2.5), 14);
    expect(regularizedGammaQ(1, 0.3)).toBeCloseTo(Math.exp(-0.3), 14);
  });
});

describe("tails", () => {
  it("normal tail matches scipy.stats.norm.sf", () => {
    // scipy: norm.sf(1.959963984540054) = 0.025; norm.sf(5) = 2.866515718791939e-07.
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 10);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 15);
  });
  it("t tail matches the Cauchy (df = 1) and df = 2 closed forms", () => {
    for (const t of [0.1, 1, 3.7, 40]) {
      expect(studentTUpperTail(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 13);
      expect(studentTUpperTail(t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    expect(studentTUpperTail(-1, 1)).toBeCloseTo(0.75, 13);
  });
});

describe("quantiles", () => {
  it("normal quantiles match scipy.stats.norm.ppf", () => {
    // scipy 1.17: norm.ppf(0.975) = 1.959963984540054, ppf(0.995) = 2.5758293035489004,
    // ppf(1e-10) = -6.361340902404056.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(0.5)).toBe(0);
    expect(zCritical(0.95)).toBeCloseTo(1.959963984540054, 12);
  });

  // References: scipy.stats.t.ppf (scipy 1.17.1). Printed t tables (e.g. Fisher & Yates) agree to
  // their 3–6 decimals: t(0.975, 10) = 2.228139 is the value the brief names.
  const cases: [number, number, number][] = [
    [0.975, 10, 2.228138851986274],
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 5, 2.5705818356363146],
    [0.975, 30, 2.0422724563012378],
    [0.975, 100, 1.9839715185235518],
    [0.975, 1000, 1.9623390808264083],
    [0.975, 1e5, 1.9599877075346095],
    [0.995, 4, 4.604094871349992],
    [0.95, 20, 1.7247182429207866],
    [0.9, 3, 1.637744353696209],
    [0.6, 7, 0.2631668613520229],
    [0.025, 10, -2.2281388519862753],
  ];
  it.each(cases)("t(%s, df=%s) = %s", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 9);
  });
  it("t(0.975, 10) rounds to the table value 2.228139", () => {
    expect(studentTQuantile(0.975, 10).toFixed(6)).toBe("2.228139");
  });
  it("df = Infinity is the normal quantile; invalid input throws", () => {
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 12);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});
