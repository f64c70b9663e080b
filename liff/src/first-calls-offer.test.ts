import { describe, expect, it } from 'vitest'
import type { EarlyCalls } from './first-calls.ts'
import { offerFirstCalls } from './first-calls-offer.ts'

const CALLS: EarlyCalls = {
  token: Promise.resolve('tok'),
  answers: {},
  lang: 'ja',
  sent: Promise.resolve(),
}

/** A start function that counts how often the calls were sent. */
function counted(result: EarlyCalls | null = CALLS) {
  const c = {
    sends: 0,
    start: () => {
      c.sends++
      return result
    },
  }
  return c
}

/** The calls offered with the kept card drawn: `paint()` is the frame having been painted. */
function offeredAfterPaint() {
  const page: { __bunkoFirst?: EarlyCalls } = {}
  const c = counted()
  let paint: () => void = () => {}
  offerFirstCalls(page, c.start, (send) => {
    paint = send
  })
  return { page, c, paint: () => paint() }
}

describe('the first calls handed from the inline script to the entry (issue 21)', () => {
  it('without a kept card: sent at once', () => {
    const page: { __bunkoFirst?: EarlyCalls } = {}
    const c = counted()
    offerFirstCalls(page, c.start, null)
    expect(c.sends).toBe(1)
    expect(page.__bunkoFirst).toBe(CALLS)
    expect(c.sends).toBe(1)
  })

  it('with the kept card drawn: not sent until after the paint, then once', () => {
    const { page, c, paint } = offeredAfterPaint()
    expect(c.sends).toBe(0)
    paint()
    expect(c.sends).toBe(1)
    expect(page.__bunkoFirst).toBe(CALLS)
    expect(c.sends).toBe(1)
  })

  it('the entry asking before the paint starts them, and the paint does not send them again', () => {
    const { page, c, paint } = offeredAfterPaint()
    expect(page.__bunkoFirst).toBe(CALLS)
    expect(c.sends).toBe(1)
    paint()
    expect(c.sends).toBe(1)
  })

  it('no calls to send (production, or a route without any): the entry finds none', () => {
    const page: { __bunkoFirst?: EarlyCalls } = {}
    const c = counted(null)
    offerFirstCalls(page, c.start, null)
    expect(page.__bunkoFirst).toBeUndefined()
    expect(c.sends).toBe(1)
  })
})
