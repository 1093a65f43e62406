// Special functions and the two quantiles the audit needs (normal, Student t), in pure TS.
// Written from the textbook algorithms (Lanczos log-gamma; Numerical Recipes' continued
// fractions for the incomplete beta and gamma) because the app must not pull in a stats
// package; accuracy is checked against scipy values in distributions.test.ts (~1e-12).

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 10_000;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  // Reflection keeps the series in its accurate range for small x.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Modified Lentz evaluation of the incomplete-beta continued fraction (NR §6.4).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b). `xc` = 1 − x may be passed separately so callers that
 * know it exactly (the t tail) avoid the cancellation in computing 1 − x.
 */
export function regularizedBeta(x: number, a: number, b: number, xc: number = 1 - x): number {
  if (x <= 0) return 0;
  if (xc <= 0) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(xc));
  // The fraction converges fast only on one side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, xc)) / b;
}

/** Upper regularized incomplete gamma Q(a, x) (series below a + 1, continued fraction above). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logFront);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logFront) * h;
}

/** P(Z > z) for a standard normal; computed as ½·erfc(z/√2) = ½·Q(½, z²/2) to keep tail accuracy. */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  return 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
}

/** P(T > t) for Student t with df degrees of freedom (df may be fractional, e.g. Welch). */
export function studentTUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (df === Infinity) return normalUpperTail(t);
  if (t < 0) return 1 - studentTUpperTail(-t, df);
  const t2 = t * t;
  return 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

function studentTDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Solve upperTail(x) = alpha for x ≥ 0 (alpha ≤ ½) by safeguarded Newton: Newton converges in a
 * few steps from a decent guess, and the bisection bracket guarantees progress when it would not.
 */
function invertUpperTail(alpha: number, upperTail: (x: number) => number, density: (x: number) => number, guess: number): number {
  let lo = 0;
  let hi = Math.max(guess, 1);
  while (upperTail(hi) > alpha) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let x = Math.min(Math.max(guess, lo), hi);
  for (let i = 0; i < 300; i++) {
    const f = upperTail(x) - alpha;
    if (f === 0) return x;
    if (f > 0) lo = x;
    else hi = x;
    let next = x + f / density(x);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-15 * Math.max(1, hi)) return next;
    x = next;
  }
  return x;
}

function checkProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  checkProbability(p);
  if (p === 0.5) return 0;
  const alpha = p > 0.5 ? 1 - p : p;
  // Abramowitz & Stegun 26.2.23 (|error| < 4.5e-4) as the Newton start.
  const s = Math.sqrt(-2 * Math.log(alpha));
  const guess = s - (2.515517 + 0.802853 * s + 0.010328 * s * s) / (1 + 1.432788 * s + 0.189269 * s * s + 0.001308 * s * s * s);
  const z = invertUpperTail(alpha, normalUpperTail, normalDensity, guess);
  return p > 0.5 ? z : -z;
}

/** Student t quantile t(p, df); df = Infinity gives the normal quantile. */
export function studentTQuantile(p: number, df: number): number {
  checkProbability(p);
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  const alpha = p > 0.5 ? 1 - p : p;
  const z = -normalQuantile(alpha);
  // Cornish–Fisher start; poor for df ≈ 1 but the bracketing solver absorbs that.
  const guess = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  const t = invertUpperTail(
    alpha,
    (x) => studentTUpperTail(x, df),
    (x) => studentTDensity(x, df),
    guess,
  );
  return p > 0.5 ? t : -t;
}

const zCache = new Map<number, number>();

/** Two-sided critical value: the (1 + confidence)/2 quantile of N(0,1). Cached: sweeps ask often. */
export function zCritical(confidence = 0.95): number {
  let z = zCache.get(confidence);
  if (z === undefined) {
    z = normalQuantile(0.5 + confidence / 2);
    if (zCache.size < 64) zCache.set(confidence, z);
  }
  return z;
}
