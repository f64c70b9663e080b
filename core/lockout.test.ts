import { describe, expect, it } from 'vitest'
import { jstInstant, MINUTE_MS } from './dates.ts'
import { checkLockout, lockoutState } from './lockout.ts'
import { P } from './test-fixtures.ts'

const t0 = jstInstant('2026-05-01', '12:00')
const at = (minutes: number) => t0 + minutes * MINUTE_MS

describe('lockout', () => {
  it('ACC-SECRET: 5 failures within 15 minutes lock the number for 15 minutes', () => {
    const fails = [0, 1, 2, 3, 4].map(at)
    expect(lockoutState(fails.slice(0, 4), at(4), P)).toEqual({
      locked: false,
      until: null,
      triesLeft: 1,
    })
    expect(lockoutState(fails, at(4), P)).toEqual({ locked: true, until: at(19), triesLeft: 0 })
    expect(lockoutState(fails, at(18), P).locked).toBe(true)
    expect(lockoutState(fails, at(19), P)).toMatchObject({ locked: false, triesLeft: 5 })
  })

  it('ACC-SECRET: failures spread over more than 15 minutes do not lock', () => {
    const fails = [0, 4, 8, 12, 16].map(at)
    expect(lockoutState(fails, at(16), P).locked).toBe(false)
    expect(lockoutState(fails, at(16), P).triesLeft).toBe(1)
  })

  it('ACC-SECRET: the lock is said plainly, with when it ends (Japan time)', () => {
    const d = checkLockout([0, 1, 2, 3, 4].map(at), at(5), P)
    expect(d).toMatchObject({ ok: false, reason: 'locked' })
    if (!d.ok) {
      expect(d.message.ja).toContain('2026年5月1日(金) 12:19までロック')
      expect(d.message.en).toContain('12:19')
    }
    expect(checkLockout([], at(5), P).ok).toBe(true)
  })

  it('ACC-SECRET: failures given in any order, or in the future, are handled', () => {
    const fails = [4, 2, 0, 3, 1].map(at)
    expect(lockoutState(fails, at(5), P).locked).toBe(true)
    expect(lockoutState([at(100)], at(5), P).triesLeft).toBe(5)
  })
})
