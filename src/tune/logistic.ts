/**
 * Logistic regression with an L2 penalty, fitted by Newton steps: the weights a weighted
 * watch-list gives its terms. Features are a term's counted hits (0-3) in a case, so a fitted
 * weight is what one more mention adds to the score; the bias becomes the threshold. A few
 * hundred terms at most, so the dense Newton system is small and converges in a few steps.
 */

export interface LogisticFit {
  /** One weight per feature column, in the order given. */
  weights: Float64Array;
  bias: number;
}

/** One case's nonzero features: column indices and values, the bias column last. */
interface Row { cols: number[]; values: number[]; label: number }

function rowsOf(columns: ArrayLike<number>[], idx: ArrayLike<number>, label: Uint8Array): Row[] {
  const rows: Row[] = [];
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    const cols: number[] = [], values: number[] = [];
    columns.forEach((col, k) => { const x = col[i]!; if (x) { cols.push(k); values.push(x); } });
    cols.push(columns.length); values.push(1);
    rows.push({ cols, values, label: label[i]! });
  }
  return rows;
}

/** Solves A x = b for a symmetric positive definite A (n x n, row-major) by Cholesky. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j]!;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * z[k]!;
    z[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** The Newton step's gradient and Hessian at `w` (bias last; the bias is not penalised). */
function newtonSystem(rows: Row[], w: Float64Array, lambda: number): { g: Float64Array; h: Float64Array } {
  const d = w.length, k = d - 1;
  const g = new Float64Array(d), h = new Float64Array(d * d);
  for (const r of rows) {
    let z = 0;
    for (let j = 0; j < r.cols.length; j++) z += w[r.cols[j]!]! * r.values[j]!;
    const p = 1 / (1 + Math.exp(-z));
    const s = Math.max(p * (1 - p), 1e-9), e = p - r.label;
    for (let j = 0; j < r.cols.length; j++) {
      const a = r.cols[j]!, va = r.values[j]!;
      g[a]! += e * va;
      for (let m = 0; m < r.cols.length; m++) h[a * d + r.cols[m]!]! += s * va * r.values[m]!;
    }
  }
  for (let j = 0; j < k; j++) { g[j]! += lambda * w[j]!; h[j * d + j]! += lambda; }
  h[k * d + k]! += 1e-6;
  return { g, h };
}

/** Fits on the cases `idx` (labels 0/1); `columns[k][i]` is feature k of case i. */
export function fitLogistic(columns: ArrayLike<number>[], idx: ArrayLike<number>, label: Uint8Array, lambda: number, maxSteps = 30): LogisticFit {
  const rows = rowsOf(columns, idx, label);
  const d = columns.length + 1;
  const w = new Float64Array(d);
  for (let step = 0; step < maxSteps; step++) {
    const { g, h } = newtonSystem(rows, w, lambda);
    const delta = solveSpd(h, g, d);
    let largest = 0;
    for (let j = 0; j < d; j++) { w[j]! -= delta[j]!; largest = Math.max(largest, Math.abs(delta[j]!)); }
    if (largest < 1e-6) break;
  }
  return { weights: w.slice(0, d - 1), bias: w[d - 1]! };
}
