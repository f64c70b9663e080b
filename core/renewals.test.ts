import { describe, expect, it } from 'vitest'
import { dueDateFor } from './due-dates.ts'
import { parsePolicy } from './policy-parse.ts'
import { renewalQuoteMessage } from './renewal-messages.ts'
import { nextRenewalDate, quoteRenewal, type RenewReason, renewAll } from './renewals.ts'
import { loan, P } from './test-fixtures.ts'

/** Every reason, checked by the compiler against RenewReason: none missing, none extra. */
const EVERY_REASON: Record<RenewReason, true> = {
  held: true,
  overdue: true,
  ill: true,
  av_limit: true,
  cap_reached: true,
  too_soon: true,
  no_gain: true,
  blocked: true,
}

const ctx = (today: string, over: { blocked?: boolean } = {}) => ({
  today,
  blocked: over.blocked ?? false,
})

describe('renewals', () => {
  it('RENEW-WHEN: not on the loan date itself, from the day after', () => {
    const l = loan({ loanDate: '2026-05-01', dueDate: '2026-05-15' })
    expect(quoteRenewal(l, ctx('2026-05-01'), P)).toMatchObject({ ok: false, reason: 'too_soon' })
    expect(quoteRenewal(l, ctx('2026-05-02'), P)).toMatchObject({
      ok: true,
      value: { newDueDate: '2026-05-16' },
    })
  })

  it('RENEW-BOOK: R + 14 days, shown before confirming', () => {
    const d = quoteRenewal(loan(), ctx('2026-05-10'), P)
    expect(d).toEqual({
      ok: true,
      value: {
        loanId: 1,
        currentDueDate: '2026-05-15',
        newDueDate: '2026-05-24',
        capDate: '2026-06-30',
        capped: false,
        renewals: 1,
      },
    })
  })

  it('RENEW-NO-GAIN: the quote says the new due date before confirming', () => {
    const d = quoteRenewal(loan(), ctx('2026-05-10'), P)
    if (!d.ok) throw new Error('expected a quote')
    const m = renewalQuoteMessage(d.value, P)
    expect(m.ja).toBe(
      '延長すると、返却期限は2026年5月15日(金)から2026年5月24日(日)になります。延長の14日間は今日から数えるため、延びるのは9日です。延長しますか？',
    )
    expect(m.en).toContain('Sun 24 May 2026')
    const capped = renewalQuoteMessage({ ...d.value, capped: true }, P)
    expect(capped.ja).toContain('60日まで')
  })

  it("RENEW-NO-GAIN: a quote the library's own system decides (front mode) says the date is expected, not promised", () => {
    const d = quoteRenewal(loan(), ctx('2026-05-10'), P)
    if (!d.ok) throw new Error('expected a quote')
    const m = renewalQuoteMessage({ ...d.value, estimated: true }, P)
    expect(m.ja).toContain('2026年5月24日(日)になる見込みです')
    expect(m.ja).toContain('これより早くなることや、延長できないこともあります')
    expect(m.ja).not.toContain('になります。')
    expect(m.ja.endsWith('延長しますか？')).toBe(true)
    expect(m.en).toContain('should move from')
  })

  it("RENEW-AV: a CD's quote says this renewal is its last; a book's says nothing of the kind", () => {
    const d = quoteRenewal(loan(), ctx('2026-05-10'), P)
    if (!d.ok) throw new Error('expected a quote')
    const cd = renewalQuoteMessage(d.value, P, true, 0)
    expect(cd.ja).toContain(
      'CD・DVD・ビデオの延長は1回までのため、これが最後の延長です。延長しますか？',
    )
    expect(cd.en).toContain('can be renewed only once, so this is the last renewal. Renew now?')
    expect(renewalQuoteMessage(d.value, P, false, 0).ja).not.toContain('最後の延長')
    const twice = { ...P, renewal: { ...P.renewal, avMaxRenewals: 2 } }
    expect(renewalQuoteMessage(d.value, twice, true, 0).ja).not.toContain('最後の延長')
    expect(renewalQuoteMessage(d.value, twice, true, 1).ja).toContain('2回までのため、これが最後')
  })

  it('RENEW-BOOK: never past loan date + 60; the last renewal runs only to the cap', () => {
    const l = loan({ dueDate: '2026-06-28', renewals: 3 })
    const d = quoteRenewal(l, ctx('2026-06-20'), P)
    expect(d).toMatchObject({ ok: true, value: { newDueDate: '2026-06-30', capped: true } })
    const atCap = quoteRenewal({ ...l, dueDate: '2026-06-30' }, ctx('2026-06-25'), P)
    expect(atCap).toMatchObject({ ok: false, reason: 'cap_reached' })
    if (!atCap.ok) expect(atCap.message.ja).toContain('60日')
  })

  it('RENEW-BOOK: any number of times while under the cap', () => {
    let l = loan()
    const days = ['2026-05-14', '2026-05-27', '2026-06-09', '2026-06-22']
    for (const today of days) {
      const d = quoteRenewal(l, ctx(today), P)
      expect(d.ok, today).toBe(true)
      if (d.ok) l = { ...l, dueDate: d.value.newDueDate, renewals: d.value.renewals }
    }
    expect(l.dueDate).toBe('2026-06-30')
    expect(l.renewals).toBe(4)
  })

  it('RENEW-BOOK: policy.renewal.from = due_date counts from the current due date', () => {
    const r = parsePolicy({ renewal: { from: 'due_date' } })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const d = quoteRenewal(loan(), ctx('2026-05-10'), r.policy)
    expect(d).toMatchObject({ ok: true, value: { newDueDate: '2026-05-29' } })
  })

  it('RENEW-AV: AV renews once, by 7 days', () => {
    const dvd = loan({ materialType: 'dvd', dueDate: dueDateFor('2026-05-01', 'dvd', P) })
    const d = quoteRenewal(dvd, ctx('2026-05-05'), P)
    expect(d).toMatchObject({ ok: true, value: { newDueDate: '2026-05-12', renewals: 1 } })
    const again = quoteRenewal({ ...dvd, dueDate: '2026-05-12', renewals: 1 }, ctx('2026-05-10'), P)
    expect(again).toMatchObject({ ok: false, reason: 'av_limit' })
    if (!again.ok) expect(again.message.ja).toContain('1回限り')
  })

  it('RENEW-NO-GAIN: a renewal that would not move the due date later is refused', () => {
    const l = loan({ dueDate: '2026-05-24', renewals: 1 })
    const d = quoteRenewal(l, ctx('2026-05-10'), P)
    expect(d).toMatchObject({ ok: false, reason: 'no_gain' })
    if (!d.ok) expect(d.message.ja).toContain('延長しても返却期限')
    const earlier = quoteRenewal({ ...l, dueDate: '2026-05-28' }, ctx('2026-05-10'), P)
    expect(earlier).toMatchObject({ ok: false, reason: 'no_gain' })
  })

  it('RENEW-HELD: an item another patron is waiting for cannot be renewed', () => {
    const d = quoteRenewal(loan({ heldByOthers: true }), ctx('2026-05-10'), P)
    expect(d).toMatchObject({ ok: false, reason: 'held' })
  })

  it('RENEW-OVERDUE: an item past its due date cannot be renewed (on the due date it can)', () => {
    expect(quoteRenewal(loan(), ctx('2026-05-16'), P)).toMatchObject({ reason: 'overdue' })
    expect(quoteRenewal(loan(), ctx('2026-05-15'), P).ok).toBe(true)
  })

  it('RENEW-ILL: an inter-library loan cannot be renewed', () => {
    const d = quoteRenewal(loan({ interLibrary: true }), ctx('2026-05-10'), P)
    expect(d).toMatchObject({ ok: false, reason: 'ill' })
  })

  it('RENEW-REASONS: blocked patrons cannot renew (ACC-BLOCK-OVERDUE)', () => {
    const d = quoteRenewal(loan(), ctx('2026-05-10', { blocked: true }), P)
    expect(d).toMatchObject({ ok: false, reason: 'blocked' })
  })

  it('RENEW-REASONS: every reason has a Japanese and English sentence that says what to do', () => {
    const cases: [RenewReason, ReturnType<typeof loan>, string][] = [
      ['held', loan({ heldByOthers: true }), '2026-05-10'],
      ['overdue', loan(), '2026-05-20'],
      ['ill', loan({ interLibrary: true }), '2026-05-10'],
      ['av_limit', loan({ materialType: 'cd', dueDate: '2026-05-12', renewals: 1 }), '2026-05-10'],
      ['cap_reached', loan({ dueDate: '2026-06-30' }), '2026-06-20'],
      ['too_soon', loan(), '2026-05-01'],
      ['no_gain', loan({ dueDate: '2026-05-24' }), '2026-05-10'],
    ]
    const seen = new Set<string>()
    for (const [reason, l, today] of cases) {
      const d = quoteRenewal(l, ctx(today), P)
      expect(d.ok ? 'ok' : d.reason).toBe(reason)
      if (d.ok) continue
      expect(d.message.ja).toMatch(/ください。$/)
      expect(d.message.en.length).toBeGreaterThan(20)
      seen.add(d.reason)
    }
    const blocked = quoteRenewal(loan(), ctx('2026-05-10', { blocked: true }), P)
    if (!blocked.ok) seen.add(blocked.reason)
    expect([...seen].sort()).toEqual(Object.keys(EVERY_REASON).sort())
  })

  it('RENEW-REASONS: renew all renews what it can and reports each refusal', () => {
    const loans = [
      loan({ id: 1 }),
      loan({ id: 2, heldByOthers: true }),
      loan({ id: 3, interLibrary: true }),
      loan({ id: 4, materialType: 'dvd', dueDate: '2026-05-08' }),
    ]
    const results = renewAll(loans, ctx('2026-05-07'), P)
    expect(results.map((r) => [r.loanId, r.result.ok ? 'ok' : r.result.reason])).toEqual([
      [1, 'ok'],
      [2, 'held'],
      [3, 'ill'],
      [4, 'ok'],
    ])
  })

  it('LOAN-DUE-OPEN: a renewal landing on a closed day moves to the next open day', () => {
    // 2026-05-24 is a Sunday; with Sundays closed the renewal runs to Monday the 25th.
    const cal = { closedWeekdays: [0], closedDates: [] }
    const d = quoteRenewal(loan(), { ...ctx('2026-05-10'), calendar: cal }, P)
    expect(d).toMatchObject({ ok: true, value: { newDueDate: '2026-05-25' } })
  })

  it('RENEW-BOOK: a full period gets no explanation; a short one says it counts from today or stops at the cap', () => {
    const full = renewalQuoteMessage(
      { currentDueDate: '2026-05-15', newDueDate: '2026-05-29', capped: false },
      P,
    )
    expect(full.ja).toBe(
      '延長すると、返却期限は2026年5月15日(金)から2026年5月29日(金)になります。延長しますか？',
    )
    const capped = renewalQuoteMessage(
      { currentDueDate: '2026-06-28', newDueDate: '2026-06-30', capped: true },
      P,
    )
    expect(capped.ja).toContain('貸出日から60日までしか延長できないため、延びるのは2日です。')
    expect(capped.en).toContain('moves only 2 days')
  })

  it('RENEW-NO-GAIN: after renewing today, the next renewal is possible tomorrow; at the cap, never', () => {
    const l = loan({ loanDate: '2026-05-01', dueDate: '2026-05-24', renewals: 1 })
    expect(quoteRenewal(l, ctx('2026-05-10'), P)).toMatchObject({ ok: false, reason: 'no_gain' })
    expect(nextRenewalDate(l, ctx('2026-05-10'), P)).toBe('2026-05-11')
    const atCap = loan({ loanDate: '2026-05-01', dueDate: '2026-06-30', renewals: 4 })
    expect(nextRenewalDate(atCap, ctx('2026-06-20'), P)).toBeNull()
  })
})
