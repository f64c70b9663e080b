import { afterEach, describe, expect, it, vi } from 'vitest'
import { fullGc, memorySampler, peakOf, settledReading, traceCsv } from './bench-memory.ts'

const MB = 2 ** 20

describe('peakOf', () => {
  it('takes the highest RSS and heap each on its own, as they peak at different times', () => {
    const peak = peakOf([
      { rss: 100, heapUsed: 9 },
      { rss: 300, heapUsed: 4 },
      { rss: 200, heapUsed: 7 },
    ])
    expect(peak).toEqual({ rss: 300, heapUsed: 9 })
  })
  it('is zero with no samples', () => {
    expect(peakOf([])).toEqual({ rss: 0, heapUsed: 0 })
  })
})

describe('traceCsv', () => {
  it('writes one line per sample in MB, after a header', () => {
    const csv = traceCsv([
      { t: 0.4, rss: 150 * MB, heapTotal: 20 * MB, heapUsed: 15.25 * MB, external: 2 * MB },
      { t: 100.6, rss: 172.5 * MB, heapTotal: 45 * MB, heapUsed: 40 * MB, external: 3 * MB },
    ])
    expect(csv).toBe(
      'ms,rss_mb,heap_total_mb,heap_used_mb,external_mb\n0,150.0,20.0,15.3,2.0\n101,172.5,45.0,40.0,3.0\n',
    )
  })
})

describe('memorySampler', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('samples every interval until stopped, then once more, and keeps the peak', () => {
    vi.useFakeTimers()
    const readings = [10, 50, 30, 20, 40].map((rss) => ({
      rss,
      heapTotal: 60,
      heapUsed: 60 - rss,
      external: 0,
    }))
    let i = 0
    let clock = 0
    const sampler = memorySampler({
      intervalMs: 100,
      keep: true,
      read: () => readings[i++]!,
      now: () => clock,
    })
    for (let step = 0; step < 3; step++) {
      clock += 100
      vi.advanceTimersByTime(100)
    }
    const { peak, samples } = sampler.stop()
    expect(samples.map((s) => s.rss)).toEqual([10, 50, 30, 20, 40])
    expect(samples.map((s) => s.t)).toEqual([0, 100, 200, 300, 300])
    expect(peak).toEqual({ rss: 50, heapUsed: 50 })
    vi.advanceTimersByTime(1000)
    expect(i).toBe(5)
  })

  it('keeps no samples unless asked, only the peak', () => {
    const rss = [7, 14]
    const read = () => ({ rss: rss.shift()!, heapTotal: 1, heapUsed: 1, external: 0 })
    const sampler = memorySampler({ read })
    const { peak, samples } = sampler.stop()
    expect(samples).toEqual([])
    expect(peak.rss).toBe(14)
  })
})

describe('settledReading', () => {
  it('collects before and after the pause and reads last', async () => {
    vi.useFakeTimers()
    const calls: string[] = []
    const reading = settledReading(
      () => calls.push('gc'),
      500,
      () => {
        calls.push('read')
        return { rss: 1, heapTotal: 3, heapUsed: 2, external: 0 }
      },
    )
    expect(calls).toEqual(['gc'])
    await vi.advanceTimersByTimeAsync(500)
    expect((await reading).heapUsed).toBe(2)
    expect(calls).toEqual(['gc', 'gc', 'read'])
    vi.useRealTimers()
  })
})

describe('fullGc', () => {
  it('gives a GC that frees unreachable objects without node --expose-gc', async () => {
    const gc = fullGc()
    const ref = new WeakRef({ big: new Array(1000).fill(0) })
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setTimeout(resolve, 0))
    gc()
    expect(ref.deref()).toBeUndefined()
  })
})
