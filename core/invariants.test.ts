/** Property-based tests (fast-check) for the invariants issue 2 names. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LibraryCalendar } from './calendar.ts'
import { addDays, daysBetween } from './dates.ts'
import { dueDateFor } from './due-dates.ts'
import { holdCounts, placeHolds } from './holds.ts'
import type { Policy } from './policy.ts'
import { quoteRenewal } from './renewals.ts'
import { CENTRAL, hold, P, patron, title } from './test-fixtures.ts'
import { type Hold, MATERIAL_TYPES, type MaterialType } from './types.ts'

const circulating = MATERIAL_TYPES.filter((t) => t !== 'audiobook')

const calendarArb: fc.Arbitrary<LibraryCalendar> = fc.record({
  closedWeekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
  closedDates: fc.array(
    fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-01-01', n)),
    { maxLength: 20 },
  ),
})

const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    from: fc.constantFrom('renewal_date' as const, 'due_date' as const),
    closedDueDate: fc.constantFrom('next_open_day' as const, 'keep' as const),
  })
  .map(({ from, closedDueDate }) => ({
    ...P,
    closedDueDate,
    renewal: { ...P.renewal, from },
  }))

describe('invariants (fast-check)', () => {
  it('RENEW-BOOK / RENEW-NO-GAIN: a renewal never shortens a loan and never passes loan date + 60', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-01-01', n)),
        fc.constantFrom(...circulating),
        calendarArb,
        policyArb,
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        (loanDate, type, calendar, policy, gaps) => {
          const cap = addDays(loanDate, policy.renewal.capDays)
          let loan = {
            id: 1,
            titleId: 1,
            materialType: type as MaterialType,
            loanDate,
            dueDate: dueDateFor(loanDate, type, policy, calendar),
            renewals: 0,
            interLibrary: false,
            heldByOthers: false,
          }
          let today = loanDate
          for (const gap of gaps) {
            today = addDays(today, gap)
            const d = quoteRenewal(loan, { today, blocked: false, calendar }, policy)
            if (!d.ok) continue
            expect(d.value.newDueDate > loan.dueDate).toBe(true)
            expect(d.value.newDueDate <= cap).toBe(true)
            expect(daysBetween(loanDate, d.value.newDueDate)).toBeLessThanOrEqual(60)
            expect(today > loanDate && today <= loan.dueDate).toBe(true)
            loan = { ...loan, dueDate: d.value.newDueDate, renewals: d.value.renewals }
          }
          if (P.avTypes.includes(type)) expect(loan.renewals).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('RENEW-AV: AV renews at most once, whatever the sequence of attempts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<MaterialType>('cd', 'dvd', 'video'),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 10 }),
        (type, gaps) => {
          let loan = {
            id: 1,
            titleId: 1,
            materialType: type,
            loanDate: '2026-05-01',
            dueDate: dueDateFor('2026-05-01', type, P),
            renewals: 0,
            interLibrary: false,
            heldByOthers: false,
          }
          let today = loan.loanDate
          for (const gap of gaps) {
            today = addDays(today, gap)
            const d = quoteRenewal(loan, { today, blocked: false }, P)
            if (d.ok) loan = { ...loan, dueDate: d.value.newDueDate, renewals: d.value.renewals }
          }
          expect(loan.renewals).toBeLessThanOrEqual(1)
        },
      ),
    )
  })

  it('HOLD-LIMIT: no sequence of hold requests passes 15 in total or 6 AV', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('place' as const),
        types: fc.array(fc.constantFrom(...circulating), { minLength: 1, maxLength: 5 }),
      }),
      fc.record({ kind: fc.constant('end' as const), index: fc.nat() }),
    )
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let holds: Hold[] = []
        let nextId = 1
        for (const s of steps) {
          if (s.kind === 'end') {
            const active = holds.filter((h) => h.state !== 'collected')
            const target = active[s.index % Math.max(1, active.length)]
            if (target) holds = holds.map((h) => (h === target ? { ...h, state: 'collected' } : h))
            continue
          }
          const before = holdCounts(holds, P)
          const titles = s.types.map((t) => title(nextId++, { materialType: t }))
          const d = placeHolds(
            { patron: patron(), titles, pickup: CENTRAL, holds, loans: [], today: '2026-05-01' },
            P,
          )
          const av = titles.filter((t) => P.avTypes.includes(t.materialType)).length
          const fits = before.total + titles.length <= 15 && before.av + av <= 6
          expect(d.ok).toBe(fits)
          if (d.ok)
            holds = [
              ...holds,
              ...titles.map((t) =>
                hold(t.id, { titleId: t.id, materialType: t.materialType, state: 'waiting' }),
              ),
            ]
          const after = holdCounts(holds, P)
          expect(after.total).toBeLessThanOrEqual(15)
          expect(after.av).toBeLessThanOrEqual(6)
        }
      }),
    )
  })
})
