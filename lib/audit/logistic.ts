// L2-penalised logistic regression by Newton–Raphson (IRLS) with step halving. Deterministic:
// it starts at zero and has no randomness. The penalty (λ/2)·Σβ_k² skips the intercept; it keeps
// the fit finite when the classes are perfectly separable (the unpenalised MLE is then infinite),
// which is common on small, clean audit samples.

export type LogisticFit = {
  intercept: number;
  coefficients: number[];
  /** Penalised log-likelihood at the optimum. */
  objective: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
};

/** Solve A x = b for a small dense symmetric positive-definite A (Gaussian elimination, partial pivoting). */
export function solveLinear(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-300) throw new RangeError("singular system");
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

// log(1 + e^η) without overflow for large |η|.
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

export function logisticObjective(
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  beta: readonly number[],
  l2: number,
): { objective: number; logLikelihood: number } {
  let ll = 0;
  for (let i = 0; i < y.length; i++) {
    let eta = beta[0];
    for (let k = 0; k < x[i].length; k++) eta += beta[k + 1] * x[i][k];
    ll += y[i] * eta - softplus(eta);
  }
  let penalty = 0;
  for (let k = 1; k < beta.length; k++) penalty += beta[k] * beta[k];
  return { objective: ll - (l2 / 2) * penalty, logLikelihood: ll };
}

/**
 * Maximise Σ[y·η − log(1 + e^η)] − (l2/2)·Σβ_k² with η = β_0 + Σ β_k x_k. `x` rows hold the
 * features without the intercept column.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  options: { l2?: number; maxIterations?: number } = {},
): LogisticFit {
  const l2 = options.l2 ?? 0.01;
  const maxIterations = options.maxIterations ?? 100;
  const p = (x[0]?.length ?? 0) + 1;
  // Design rows with the intercept column, built once: the loop below runs per iteration.
  const rows = x.map((r) => [1, ...r]);
  let beta = new Array<number>(p).fill(0);
  let current = logisticObjective(x, y, beta, l2);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const gradient = new Array<number>(p).fill(0);
    const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < y.length; i++) {
      const row = rows[i];
      let eta = 0;
      for (let k = 0; k < p; k++) eta += beta[k] * row[k];
      const mu = sigmoid(eta);
      const w = mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        gradient[a] += (y[i] - mu) * row[a];
        for (let b = 0; b < p; b++) hessian[a][b] += w * row[a] * row[b];
      }
    }
    for (let k = 1; k < p; k++) {
      gradient[k] -= l2 * beta[k];
      hessian[k][k] += l2;
    }
    // A tiny ridge on the intercept only guards the solve when every μ saturates at 0 or 1.
    hessian[0][0] += 1e-12;
    const step = solveLinear(hessian, gradient);
    let scale = 1;
    let next = beta.map((b, k) => b + step[k]);
    let nextValue = logisticObjective(x, y, next, l2);
    // Newton can overshoot far from the optimum; halve until the objective does not decrease.
    while (nextValue.objective < current.objective - 1e-12 && scale > 1e-10) {
      scale /= 2;
      next = beta.map((b, k) => b + scale * step[k]);
      nextValue = logisticObjective(x, y, next, l2);
    }
    const change = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    current = nextValue;
    if (change < 1e-10) {
      converged = true;
      break;
    }
  }
  return {
    intercept: beta[0],
    coefficients: beta.slice(1),
    objective: current.objective,
    logLikelihood: current.logLikelihood,
    iterations,
    converged,
  };
}
