import { describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from './policy.ts'
import { parsePolicy } from './policy-parse.ts'

describe('policy', () => {
  it('Hirakata policy holds the spec numbers', () => {
    const p = HIRAKATA_POLICY
    expect(p.holdLimit).toEqual({ total: 15, av: 6 })
    expect(p.loanDays.book).toBe(14)
    expect(p.loanDays.dvd).toBe(7)
    expect(p.renewal).toMatchObject({ days: 14, capDays: 60, avDays: 7, avMaxRenewals: 1 })
    expect(p.pickup).toEqual({ days: 7, lockerDays: 4 })
    expect(p.noticeSlots.locker).toEqual(['10:00', '16:00', '19:00'])
    expect(p.lockout).toEqual({ maxFailures: 5, windowMinutes: 15, lockMinutes: 15 })
    expect(p.readingRecordDays).toBe(3)
  })

  it('parses good JSON; missing fields take Hirakata values', () => {
    const json = JSON.parse('{"holdLimit":{"total":20,"av":8},"closedDates":["2026-12-29"]}')
    const r = parsePolicy(json)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.policy.holdLimit).toEqual({ total: 20, av: 8 })
    expect(r.policy.closedDates).toEqual(['2026-12-29'])
    expect(r.policy.loanDays).toEqual(HIRAKATA_POLICY.loanDays)
    expect(parsePolicy({})).toEqual({ ok: true, policy: HIRAKATA_POLICY })
  })

  it('refuses bad JSON naming each bad field', () => {
    const r = parsePolicy({
      holdLimit: { total: 'fifteen' },
      noticeSlots: { locker: ['25:00'] },
      closedDates: ['2026-02-30'],
      barcode: { start: 'E' },
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => e.field).sort()).toEqual([
      'barcode.start',
      'closedDates',
      'holdLimit.total',
      'noticeSlots.locker',
    ])
  })

  it('readingRecordDays: 0 (erased the day after) to 365 whole days', () => {
    const days = (v: unknown) => parsePolicy({ readingRecordDays: v })
    expect(days(0)).toMatchObject({ ok: true, policy: { readingRecordDays: 0 } })
    expect(days(30)).toMatchObject({ ok: true, policy: { readingRecordDays: 30 } })
    for (const bad of [-1, 366, 1.5, '3'])
      expect(days(bad)).toMatchObject({ ok: false, errors: [{ field: 'readingRecordDays' }] })
  })

  it('refuses inconsistent limits and a non-object', () => {
    const r = parsePolicy({ holdLimit: { total: 5, av: 6 } })
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'holdLimit.av' }] })
    expect(parsePolicy('nope')).toMatchObject({ ok: false, errors: [{ field: '(root)' }] })
    expect(parsePolicy([])).toMatchObject({ ok: false })
  })
})
