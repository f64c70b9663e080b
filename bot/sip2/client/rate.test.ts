/** SIP2_MAX_RPS: the pool's token bucket lets a second's worth through, then paces the rest. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TokenBucket } from './rate.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('TokenBucket', () => {
  it('lets perSecond requests through at once and the next one only after its share of a second', async () => {
    vi.useFakeTimers()
    const bucket = new TokenBucket(4, () => Date.now())
    const passed: number[] = []
    for (let i = 0; i < 6; i++) void bucket.take().then(() => passed.push(i))
    await vi.advanceTimersByTimeAsync(0)
    expect(passed).toEqual([0, 1, 2, 3])
    await vi.advanceTimersByTimeAsync(249)
    expect(passed).toEqual([0, 1, 2, 3])
    await vi.advanceTimersByTimeAsync(2)
    expect(passed).toEqual([0, 1, 2, 3, 4])
    await vi.advanceTimersByTimeAsync(250)
    expect(passed).toEqual([0, 1, 2, 3, 4, 5])
  })
})
