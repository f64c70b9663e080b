import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import {
  dueSoonTarget,
  EXPIRY_RENEW_HOW,
  expiryNoticeDue,
  expiryWindow,
  isDueSoonLeadDays,
} from './notice-reminders.ts'

describe('NOTICE-DUE-SOON', () => {
  it('NOTICE-DUE-SOON: the 10:00 slot reminds of what is due lead days later', () => {
    const at = jstInstant('2026-12-03', '10:00')
    expect(dueSoonTarget(at, 1)).toBe('2026-12-04')
    expect(dueSoonTarget(at, 3)).toBe('2026-12-06')
  })
  it('NOTICE-DUE-SOON: a late slot of the same day is about the same due date', () => {
    expect(dueSoonTarget(jstInstant('2026-12-03', '16:00'), 2)).toBe('2026-12-05')
    // 00:30 Japan time is still the 3rd's day, whatever the host zone.
    expect(dueSoonTarget(jstInstant('2026-12-31', '00:30'), 1)).toBe('2027-01-01')
  })
  it('NOTICE-DUE-SOON: only 1, 2 or 3 days may be chosen', () => {
    expect([1, 2, 3].every(isDueSoonLeadDays)).toBe(true)
    for (const bad of [0, 4, -1, 1.5, '1', null]) expect(isDueSoonLeadDays(bad)).toBe(false)
  })
})

describe('NOTICE-EXPIRY', () => {
  const at = jstInstant('2026-12-03', '10:00')
  it('NOTICE-EXPIRY: told from 30 days before the last valid day, not earlier', () => {
    expect(expiryNoticeDue('2027-01-02', at)).toBe(true)
    expect(expiryNoticeDue('2027-01-03', at)).toBe(false)
    expect(expiryNoticeDue('2026-12-03', at)).toBe(true)
  })
  it('NOTICE-EXPIRY: a registration already lapsed or without an end is not announced', () => {
    expect(expiryNoticeDue('2026-12-02', at)).toBe(false)
    expect(expiryNoticeDue(null, at)).toBe(false)
    expect(expiryWindow(at)).toEqual({ from: '2026-12-03', to: '2027-01-02' })
  })
  it('NOTICE-EXPIRY: says where to renew and what to bring, in both languages', () => {
    expect(EXPIRY_RENEW_HOW.ja).toMatch(/窓口.*貸出カード.*健康保険証/)
    expect(EXPIRY_RENEW_HOW.en).toMatch(/counter.*library card.*address/)
  })
})
