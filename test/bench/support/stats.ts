/** Percentiles (nearest rank on the sorted sample) and the usual summary of a sample of durations. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export type Summary = { n: number; p50: number; p95: number; mean: number; min: number; max: number }

export function summarize(values: number[]): Summary {
  const n = values.length
  return {
    n,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    mean: round(n ? values.reduce((a, b) => a + b, 0) / n : NaN),
    min: round(n ? Math.min(...values) : NaN),
    max: round(n ? Math.max(...values) : NaN),
  }
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 1000) / 1000
}

/** In place (Fisher–Yates). */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}
