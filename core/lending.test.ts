import { describe, expect, it } from 'vitest'
import { type LendRequest, mayExpireHold, mayLend } from './lending.ts'
import { loan, P, patron } from './test-fixtures.ts'

const TODAY = '2026-05-10'

const req = (over: Partial<LendRequest> = {}, copy: Partial<LendRequest['copy']> = {}) =>
  ({
    patron: patron({ id: 7 }),
    status: 'active',
    loans: [],
    today: TODAY,
    ...over,
    copy: { withdrawn: false, notForLoan: false, lentTo: null, setAside: null, ...copy },
  }) satisfies LendRequest

/** Due 2026-03-10: on 2026-05-10 it is 61 days late (ACC-BLOCK-OVERDUE). */
const longOverdue = loan({ dueDate: '2026-03-10' })

describe('lending at the counter (mayLend)', () => {
  it('a copy on the shelf is lent to a patron in good standing', () => {
    expect(mayLend(req(), P)).toEqual({ ok: true, value: { kind: 'lend' } })
  })

  it('a withdrawn (除籍) copy is never lent, whoever asks, and the desk is told what to do', () => {
    const d = mayLend(req({ status: 'suspended' }, { withdrawn: true, notForLoan: true }), P)
    expect(d).toMatchObject({ ok: false, reason: 'withdrawn' })
    if (!d.ok) {
      expect(d.message.ja).toContain('除籍')
      expect(d.message.ja).toContain('棚には戻さず')
      expect(d.message.en).toContain('withdrawn')
    }
  })

  it('HOLD-NONCIRC: a not-for-loan (禁帯出) copy is never lent, whoever asks', () => {
    const d = mayLend(req({ status: 'suspended' }, { notForLoan: true }), P)
    expect(d).toMatchObject({ ok: false, reason: 'not_for_loan' })
    if (!d.ok) {
      expect(d.message.ja).toContain('禁帯出')
      expect(d.message.ja).toContain('棚に戻して')
      expect(d.message.en).toContain('library only')
    }
  })

  it('a copy on loan to someone else is refused: check it in first', () => {
    const d = mayLend(req({}, { lentTo: 99 }), P)
    expect(d).toMatchObject({ ok: false, reason: 'on_loan' })
    if (!d.ok) expect(d.message.ja).toContain('ほかの利用者に貸出中')
    if (!d.ok) expect(d.message.ja).toContain('返却処理')
  })

  it('a copy already lent to this patron (scanned twice) is done: nothing to lend, no refusal', () => {
    expect(mayLend(req({}, { lentTo: 7 }), P)).toEqual({
      ok: true,
      value: { kind: 'already_lent' },
    })
    // Even when the patron may no longer borrow: the copy is theirs already.
    const blocked = req({ loans: [longOverdue], status: 'suspended' }, { lentTo: 7 })
    expect(mayLend(blocked, P)).toEqual({ ok: true, value: { kind: 'already_lent' } })
  })

  it('HOLD-READY: a copy set aside for someone else’s ready hold goes back to the hold shelf', () => {
    const setAside = { holdId: 3, patronId: 99, state: 'ready' as const }
    const d = mayLend(req({}, { setAside }), P)
    expect(d).toMatchObject({ ok: false, reason: 'held_for_other' })
    if (!d.ok) expect(d.message.ja).toContain('予約棚に戻して')
    const transit = mayLend(req({}, { setAside: { ...setAside, state: 'in_transit' } }), P)
    expect(transit).toMatchObject({ ok: false, reason: 'held_for_other' })
  })

  it('HOLD-BOOKMOBILE: a copy held for a bookmobile pickup goes back with the bookmobile’s holds', () => {
    const setAside = { holdId: 3, patronId: 99, state: 'ready' as const, bookmobile: true }
    const d = mayLend(req({}, { setAside }), P)
    expect(d).toMatchObject({ ok: false, reason: 'held_for_other' })
    if (!d.ok) {
      expect(d.message.ja).toContain('自動車文庫の予約資料置き場に戻して')
      expect(d.message.ja).not.toContain('予約棚')
      expect(d.message.en).toContain('bookmobile')
    }
  })

  it('HOLD-READY: the patron’s own ready hold is handed over (collected), not lent afresh', () => {
    const setAside = { holdId: 3, patronId: 7, state: 'ready' as const }
    expect(mayLend(req({}, { setAside }), P)).toEqual({
      ok: true,
      value: { kind: 'collect', holdId: 3 },
    })
    const transit = mayLend(req({}, { setAside: { ...setAside, state: 'in_transit' } }), P)
    expect(transit).toMatchObject({ ok: false, reason: 'in_transit' })
  })

  it('ACC-EXPIRED: a lapsed registration (by date or on the record) borrows nothing', () => {
    const lapsed = mayLend(req({ patron: patron({ id: 7, expiresOn: '2026-05-09' }) }), P)
    expect(lapsed).toMatchObject({ ok: false, reason: 'expired' })
    if (!lapsed.ok) expect(lapsed.message.ja).toContain('登録の更新')
    expect(mayLend(req({ status: 'expired' }), P)).toMatchObject({ reason: 'expired' })
    // The last valid day still lends.
    expect(mayLend(req({ patron: patron({ id: 7, expiresOn: TODAY }) }), P).ok).toBe(true)
    // Not even their own ready hold.
    const own = { holdId: 3, patronId: 7, state: 'ready' as const }
    expect(mayLend(req({ status: 'expired' }, { setAside: own }), P)).toMatchObject({
      reason: 'expired',
    })
  })

  it('a suspended record (assumed: status on the record) borrows nothing until it is lifted', () => {
    const d = mayLend(req({ status: 'suspended' }), P)
    expect(d).toMatchObject({ ok: false, reason: 'suspended' })
    if (!d.ok) expect(d.message.ja).toContain('責任者')
  })

  it('ACC-BLOCK-OVERDUE: 60 days or more late blocks lending and ready holds; 59 days does not', () => {
    const d = mayLend(req({ loans: [longOverdue] }), P)
    expect(d).toMatchObject({ ok: false, reason: 'blocked' })
    if (!d.ok) {
      expect(d.message.ja).toContain('60日以上')
      expect(d.message.ja).toContain('返却していただいてから')
    }
    const own = { holdId: 3, patronId: 7, state: 'ready' as const }
    expect(mayLend(req({ loans: [longOverdue] }, { setAside: own }), P)).toMatchObject({
      reason: 'blocked',
    })
    const sixty = loan({ dueDate: '2026-03-11' })
    expect(mayLend(req({ loans: [sixty] }), P)).toMatchObject({ reason: 'blocked' })
    const fiftyNine = loan({ dueDate: '2026-03-12' })
    expect(mayLend(req({ loans: [fiftyNine] }), P).ok).toBe(true)
  })

  it('says the copy’s problem before the patron’s: staff put the copy back either way', () => {
    const blocked = req({ loans: [longOverdue], status: 'suspended' }, { lentTo: 99 })
    expect(mayLend(blocked, P)).toMatchObject({ reason: 'on_loan' })
    expect(mayLend({ ...blocked, copy: { ...blocked.copy, lentTo: null } }, P)).toMatchObject({
      reason: 'suspended',
    })
  })
})

describe('expiring one hold (mayExpireHold)', () => {
  it('HOLD-EXPIRE: a ready hold past its last day to collect may be expired', () => {
    expect(mayExpireHold({ state: 'ready', pickupBy: '2026-05-09', today: TODAY })).toEqual({
      ok: true,
      value: null,
    })
  })

  it('HOLD-EXPIRE: on the last day itself, or before, the patron may still come', () => {
    for (const pickupBy of [TODAY, '2026-05-17']) {
      const d = mayExpireHold({ state: 'ready', pickupBy, today: TODAY })
      expect(d).toMatchObject({ ok: false, reason: 'not_due' })
      if (!d.ok) expect(d.message.ja).toContain('取置期限')
    }
    const d = mayExpireHold({ state: 'ready', pickupBy: TODAY, today: TODAY })
    if (!d.ok) expect(d.message.ja).toContain('2026年5月10日')
  })

  it('HOLD-EXPIRE: a hold that is not ready (waiting, collected, expired) cannot be expired', () => {
    for (const state of ['waiting', 'in_transit', 'collected', 'cancelled', 'expired'] as const)
      expect(mayExpireHold({ state, pickupBy: '2026-05-01', today: TODAY })).toMatchObject({
        ok: false,
        reason: 'not_ready',
      })
  })
})
