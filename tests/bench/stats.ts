/** Median and spread of a list of measurements, rounded for a table. */

export interface Summary {
  n: number;
  median: number;
  /** 10th and 90th percentiles (nearest rank); with fewer than 10 values, the extremes. */
  p10: number;
  p90: number;
  min: number;
  max: number;
  mean: number;
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: NaN, p10: NaN, p90: NaN, min: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    n: sorted.length,
    median: round(median),
    p10: round(percentile(sorted, 10)),
    p90: round(percentile(sorted, 90)),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

export function median(values: readonly number[]): number {
  return summarise(values).median;
}

/**
 * One-sided sign test: P(X ≥ k) for X ~ Binomial(n, ½), the chance that one of two things measured
 * in n rounds comes out larger in at least k of them when neither is.
 */
export function signTestP(k: number, n: number): number {
  let sum = 0;
  let choose = 1;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += choose;
    choose = (choose * (n - i)) / (i + 1);
  }
  return n === 0 ? 1 : sum / 2 ** n;
}
