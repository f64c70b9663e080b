/**
 * The pacer on a fake clock: turns keep LINE's rate over every one-second window while turns
 * a few milliseconds apart share one wake-up, go in order, and a 429's pause holds them all.
 */
import { describe, expect, it } from 'vitest'
import { pacer, type Timing } from './pacer.ts'

function fakeClock() {
  let t = 0
  const sleeps: number[] = []
  const timing: Timing = {
    now: () => t,
    async sleep(ms) {
      sleeps.push(ms)
      t += ms
    },
  }
  return { timing, sleeps, now: () => t }
}

/** Start `n` pushes at once and record when each got its turn. */
async function turns(p: ReturnType<typeof pacer>, now: () => number, n: number) {
  const at: number[] = []
  const order: number[] = []
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      p.turn().then(() => {
        at.push(now())
        order.push(i)
      }),
    ),
  )
  return { at, order }
}

const busiestSecond = (at: number[]) => {
  let most = 0
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 1000) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('pacer', () => {
  it('keeps every one-second window within rate × (1 + burst) + 1, in turn order', async () => {
    const c = fakeClock()
    const p = pacer(1900, c.timing, 10)
    const { at, order } = await turns(p, c.now, 5000)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(busiestSecond(at)).toBeLessThanOrEqual(Math.floor(1900 * 1.01) + 1)
    // The whole run still takes as long as the rate says (5,000 at 1,900/s).
    expect(at.at(-1)!).toBeGreaterThanOrEqual((4999 * 1000) / 1900 - 10)
  })

  it('wakes once per burst, not once per push', async () => {
    const c = fakeClock()
    const p = pacer(1900, c.timing, 10)
    await turns(p, c.now, 1900)
    expect(c.sleeps.length).toBeLessThanOrEqual(Math.ceil(1000 / 10) + 1)
    expect(Math.min(...c.sleeps)).toBeGreaterThanOrEqual(10)
  })

  it('lets a push go at once when none is waiting and its turn has come', async () => {
    const c = fakeClock()
    const p = pacer(10, c.timing, 10)
    await p.turn()
    expect(c.sleeps).toEqual([])
  })

  it('holds every waiting sender back after a pause (a 429)', async () => {
    const c = fakeClock()
    const p = pacer(1000, c.timing, 10)
    await p.turn()
    p.pause(5000)
    const { at } = await turns(p, c.now, 3)
    expect(Math.min(...at)).toBeGreaterThanOrEqual(5000 - 10)
  })
})
