import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AccessContext,
  isBlocked,
  lockerHeldBackMessage,
  longOverdueDueBy,
  longOverdueLoans,
  mayLinkLine,
  mayLogIn,
  mayRegisterPassword,
} from './access.ts'
import { addDays } from './dates.ts'
import { loan, P, patron } from './test-fixtures.ts'

const ctx = (over: Partial<AccessContext> = {}): AccessContext => ({
  patron: patron(),
  loans: [],
  today: '2026-05-10',
  ...over,
})

describe('access', () => {
  it('ACC-ELIGIBLE: a wide-area patron cannot log in or link LINE', () => {
    const c = ctx({ patron: patron({ category: 'wide_area' }) })
    for (const d of [mayLogIn(c, P), mayLinkLine(c, P), mayRegisterPassword(c, P)]) {
      expect(d).toMatchObject({ ok: false, reason: 'wide_area' })
      if (!d.ok) expect(d.message.ja).toContain('窓口')
    }
    expect(mayLogIn(ctx(), P).ok).toBe(true)
    expect(mayLinkLine(ctx({ patron: patron({ category: 'print_disabled' }) }), P).ok).toBe(true)
  })

  it('ACC-PASSWORD: no web password → told to register one; registering is allowed', () => {
    const c = ctx({ patron: patron({ hasPassword: false }) })
    const d = mayLogIn(c, P)
    expect(d).toMatchObject({ ok: false, reason: 'no_password' })
    if (!d.ok) expect(d.message.ja).toContain('新規パスワード登録')
    expect(mayLinkLine(c, P)).toMatchObject({ ok: false, reason: 'no_password' })
    expect(mayRegisterPassword(c, P).ok).toBe(true)
  })

  it('ACC-BLOCK-OVERDUE: 60 days or more past due (「60日以上」) blocks login, registration and linking', () => {
    // Due 2026-03-10; on 2026-05-08 it is 59 days late (not blocked), on 05-09 exactly 60.
    const loans = [loan({ dueDate: '2026-03-10' })]
    expect(isBlocked(loans, '2026-05-08', P)).toBe(false)
    expect(isBlocked(loans, '2026-05-09', P)).toBe(true)
    expect(longOverdueLoans(loans, '2026-05-09', P)).toHaveLength(1)
    const c = ctx({ loans })
    for (const d of [mayLogIn(c, P), mayRegisterPassword(c, P), mayLinkLine(c, P)]) {
      expect(d).toMatchObject({ ok: false, reason: 'blocked' })
      if (!d.ok) {
        expect(d.message.ja).toContain('至急ご返却ください')
        expect(d.message.ja).toContain('050-7105-8141')
      }
    }
  })

  it('ACC-BLOCK-OVERDUE: longOverdueDueBy agrees with isBlocked for every due date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 200 }), (d, n) => {
        const policy = { ...P, longOverdueDays: n }
        const due = addDays('2026-05-10', d)
        const blocked = isBlocked([loan({ dueDate: due })], '2026-05-10', policy)
        expect(due <= longOverdueDueBy('2026-05-10', policy)).toBe(blocked)
      }),
    )
  })

  it('HOLD-LOCKER, ACC-BLOCK-OVERDUE: a locker hold kept back says why and whom to call', () => {
    const m = lockerHeldBackMessage(
      { ja: '枚方市駅ロッカー', en: 'Locker', phone: '050-0000-0000' },
      P,
    )
    expect(m.ja).toContain('60日以上')
    expect(m.ja).toContain('ロッカーには入れず')
    expect(m.ja).toContain('050-0000-0000')
    expect(m.en).toContain('not put in the pickup locker')
  })

  it('ACC-EXPIRED: a lapsed registration is refused with "re-register / ask a library"', () => {
    const c = ctx({ patron: patron({ expiresOn: '2026-05-09' }) })
    const d = mayLogIn(c, P)
    expect(d).toMatchObject({ ok: false, reason: 'expired' })
    if (!d.ok) {
      expect(d.message.ja).toContain('スマート登録')
      expect(d.message.en).toContain('re-register')
    }
    expect(mayLogIn(ctx({ patron: patron({ expiresOn: '2026-05-10' }) }), P).ok).toBe(true)
  })

  it('LINE-LINK: only patrons with a web password, not blocked, not wide-area, can link LINE', () => {
    expect(mayLinkLine(ctx(), P).ok).toBe(true)
    expect(mayLinkLine(ctx({ patron: patron({ hasPassword: false }) }), P).ok).toBe(false)
    expect(mayLinkLine(ctx({ loans: [loan({ dueDate: '2026-01-01' })] }), P).ok).toBe(false)
  })
})
