/** Timing samples and their summary: median and 95th percentile, in milliseconds. */

export interface Summary {
  n: number
  median: number
  p95: number
  /** Samples the operation refused (kept out of the timings, reported beside them). */
  refused: number
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[i]!
}

export function summarize(samples: readonly number[], refused = 0): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  return { n: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), refused }
}

/**
 * Times `run` once per subject after a few untimed warm-up calls. `run` returns whether the
 * operation succeeded; refusals are counted, not timed, so a figure is always the real path.
 */
export async function timeEach<S>(
  subjects: readonly S[],
  run: (s: S) => Promise<boolean>,
  warmup = 20,
): Promise<Summary> {
  for (const s of subjects.slice(0, warmup)) await run(s)
  const samples: number[] = []
  let refused = 0
  for (const s of subjects.slice(warmup)) {
    const t0 = performance.now()
    const ok = await run(s)
    const ms = performance.now() - t0
    if (ok) samples.push(ms)
    else refused++
  }
  return summarize(samples, refused)
}
