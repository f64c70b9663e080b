/**
 * Memory readings for the benchmarks (bench.ts, test/bench/memory.ts). Two kinds, because
 * they answer different questions:
 * - settled: after a full GC and a pause, what the process really keeps (the heap's live
 *   objects; RSS once V8 has handed freed pages back);
 * - peak: RSS and heap sampled every 100 ms while work runs, which includes garbage not yet
 *   collected (V8's sawtooth) and native memory such as SQLite's page cache.
 */
import { writeFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export interface Reading {
  rss: number
  /** The heap V8 has taken from the system: live objects, garbage not yet collected, slack. */
  heapTotal: number
  heapUsed: number
  /** Memory outside the heap that JS objects own (Buffers); SQLite's own is in RSS alone. */
  external: number
}

export interface Sample extends Reading {
  /** Milliseconds since the sampler started. */
  t: number
}

export interface Peak {
  rss: number
  heapUsed: number
}

/**
 * A full GC without `node --expose-gc`: tsx starts node itself, so the flag is set at run
 * time and `gc` read from a fresh context (the flag only puts `gc` on contexts made after it).
 */
export function fullGc(): () => void {
  if (global.gc) return global.gc
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as (() => void) | undefined
  if (typeof gc !== 'function') throw new Error('could not expose a full GC')
  return gc
}

export const readMemory = (): Reading => {
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage()
  return { rss, heapTotal, heapUsed, external }
}

/**
 * What the process keeps once its garbage is gone: two full GCs (the first can leave objects
 * freed by finalizers) around a pause for V8 to give pages back to the system.
 */
export async function settledReading(
  gc: () => void,
  pauseMs = 500,
  read: () => Reading = readMemory,
): Promise<Reading> {
  gc()
  await new Promise((resolve) => setTimeout(resolve, pauseMs))
  gc()
  return read()
}

/** The highest RSS and heap among `samples` (each on its own: they peak at different times). */
export function peakOf(samples: readonly Peak[]): Peak {
  let rss = 0
  let heapUsed = 0
  for (const s of samples) {
    rss = Math.max(rss, s.rss)
    heapUsed = Math.max(heapUsed, s.heapUsed)
  }
  return { rss, heapUsed }
}

/** `samples` as CSV, MB with one decimal, for plotting the sawtooth (`--trace FILE`). */
export function traceCsv(samples: readonly Sample[]): string {
  const mb = (b: number) => (b / 2 ** 20).toFixed(1)
  const lines = samples.map((s) =>
    [Math.round(s.t), mb(s.rss), mb(s.heapTotal), mb(s.heapUsed), mb(s.external)].join(','),
  )
  return `ms,rss_mb,heap_total_mb,heap_used_mb,external_mb\n${lines.join('\n')}\n`
}

export interface SamplerOptions {
  intervalMs?: number
  /** Keep every sample (for a trace); otherwise only the peak is kept. */
  keep?: boolean
  read?: () => Reading
  now?: () => number
}

/**
 * Samples memory every `intervalMs` (100 ms: a reading is not free) until `stop`, which
 * takes a last sample and returns the peak and, when kept, every sample.
 */
export function memorySampler(opts: SamplerOptions = {}) {
  const { intervalMs = 100, keep = false, read = readMemory, now = () => performance.now() } = opts
  const t0 = now()
  const samples: Sample[] = []
  let peak: Peak = { rss: 0, heapUsed: 0 }
  const sample = () => {
    const s = { ...read(), t: now() - t0 }
    peak = peakOf([peak, s])
    if (keep) samples.push(s)
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  return {
    stop(): { peak: Peak; samples: Sample[] } {
      clearInterval(timer)
      sample()
      return { peak, samples }
    },
  }
}

/** Write `samples` to `file` as CSV (traceCsv). */
export function writeTrace(file: string, samples: readonly Sample[]): void {
  writeFileSync(file, traceCsv(samples))
}
