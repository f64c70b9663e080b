import { describe, expect, it } from 'vitest'
import { holdsPlacedMessage } from './hold-messages.ts'
import { type HoldRequest, holdCounts, placeHolds, planSetGroups } from './holds.ts'
import { CENTRAL, hold, LOCKER, loan, P, patron, title } from './test-fixtures.ts'
import type { MaterialType } from './types.ts'

function req(over: Partial<HoldRequest> = {}): HoldRequest {
  return {
    patron: patron(),
    titles: [title(1)],
    pickup: CENTRAL,
    holds: [],
    loans: [],
    today: '2026-05-10',
    ...over,
  }
}

/** A card LINE can push, with hold-ready notices on (the defaults). */
const ON_LINE = { followed: true, holdReady: true, channel: 'line', emailConfirmed: false } as const

function heldOf(n: number, type: MaterialType = 'book', from = 0) {
  return Array.from({ length: n }, (_, i) => hold(from + i + 1, { materialType: type }))
}

describe('placing holds', () => {
  it('HOLD-SCOPE: every circulating material type can be reserved, on loan or on the shelf', () => {
    const types: MaterialType[] = ['book', 'magazine', 'manga', 'kamishibai', 'cd', 'dvd', 'video']
    for (const t of types) {
      const d = placeHolds(req({ titles: [title(1, { materialType: t })] }), P)
      expect(d.ok, t).toBe(true)
    }
  })

  it('HOLD-NONCIRC: a not-for-loan (禁帯出) title is refused, naming it', () => {
    const d = placeHolds(req({ titles: [title(1, { notForLoan: true, name: '広辞苑' })] }), P)
    expect(d).toMatchObject({ ok: false, reason: 'not_for_loan' })
    if (!d.ok) expect(d.message.ja).toContain('「広辞苑」は禁帯出資料')
  })

  it('HOLD-AUDIOBOOK: 録音図書 only for print-disabled patrons', () => {
    const t = title(1, { materialType: 'audiobook' })
    expect(placeHolds(req({ titles: [t] }), P)).toMatchObject({ ok: false, reason: 'audiobook' })
    const pd = patron({ category: 'print_disabled' })
    expect(placeHolds(req({ patron: pd, titles: [t] }), P).ok).toBe(true)
  })

  it('HOLD-DUPLICATE: a title already held, on loan, or twice in the cart is refused', () => {
    const held = placeHolds(req({ holds: [hold(1, { titleId: 1 })] }), P)
    expect(held).toMatchObject({ ok: false, reason: 'duplicate' })
    if (!held.ok) expect(held.message.ja).toContain('すでに予約')
    const onLoan = placeHolds(req({ loans: [loan({ titleId: 1 })] }), P)
    expect(onLoan).toMatchObject({ ok: false, reason: 'duplicate' })
    if (!onLoan.ok) expect(onLoan.message.ja).toContain('お借りになっている')
    const twice = placeHolds(req({ titles: [title(1), title(1)] }), P)
    expect(twice).toMatchObject({ ok: false, reason: 'duplicate' })
  })

  it('HOLD-DUPLICATE: a cancelled or collected hold on the title does not block a new one', () => {
    const old = [
      hold(1, { titleId: 1, state: 'cancelled' }),
      hold(2, { titleId: 1, state: 'collected' }),
    ]
    expect(placeHolds(req({ holds: old }), P).ok).toBe(true)
  })

  it('HOLD-LIMIT: 15 holds in total, ready holds count, refused whole with the numbers', () => {
    const holds = [...heldOf(13), hold(50, { state: 'ready' })]
    expect(holdCounts(holds, P)).toEqual({ total: 14, av: 0 })
    expect(placeHolds(req({ holds }), P).ok).toBe(true)
    const d = placeHolds(req({ holds, titles: [title(1), title(2)] }), P)
    expect(d).toMatchObject({ ok: false, reason: 'limit' })
    if (!d.ok) {
      expect(d.message.ja).toContain('15点中14点予約中のため、あと1点までです')
      expect(d.message.en).toContain('14 of 15')
    }
  })

  it('HOLD-LIMIT: at 15 of 15 the refusal says no more can be added', () => {
    const d = placeHolds(req({ holds: heldOf(15) }), P)
    expect(d).toMatchObject({ ok: false, reason: 'limit' })
    if (!d.ok) expect(d.message.ja).toContain('15点中15点予約中のため、これ以上予約できません')
  })

  it('HOLD-LIMIT: at most 6 CD/DVD/video, with the AV numbers', () => {
    const holds = heldOf(6, 'dvd')
    const d = placeHolds(req({ holds, titles: [title(1, { materialType: 'cd' })] }), P)
    expect(d).toMatchObject({ ok: false, reason: 'av_limit' })
    if (!d.ok) expect(d.message.ja).toContain('CD・DVD・ビデオの予約は1人6点まで')
    expect(placeHolds(req({ holds, titles: [title(1)] }), P).ok).toBe(true)
  })

  it('ACC-FAMILY, HOLD-LIMIT: for another card on the LINE account the refusal names its holder, not "you"', () => {
    const d = placeHolds(req({ holds: heldOf(15), holder: '加藤 亮' }), P)
    expect(d).toMatchObject({ ok: false, reason: 'limit' })
    if (d.ok) return
    expect(d.message.ja).toContain(
      '加藤 亮さんのカードは15点中15点予約中のため、これ以上予約できません',
    )
    expect(d.message.en).toContain("加藤 亮's card has 15 of 15, so no more can be added")
    expect(d.message.en).not.toMatch(/\byou\b/i)
    const av = placeHolds(
      req({
        holds: heldOf(6, 'dvd'),
        titles: [title(1, { materialType: 'cd' })],
        holder: '加藤 亮',
      }),
      P,
    )
    if (!av.ok) expect(av.message.ja).toContain('加藤 亮さんのカードは6点中6点予約中')
  })

  it('HOLD-LIMIT: each volume of a set counts as one', () => {
    const set = [1, 2, 3].map((v) => title(v, { setId: 7, volume: v }))
    const d = placeHolds(req({ holds: heldOf(12), titles: set }), P)
    expect(d.ok && d.value.totalAfter).toBe(15)
    expect(placeHolds(req({ holds: heldOf(13), titles: set }), P).ok).toBe(false)
  })

  it('HOLD-PICKUP: the pickup place must exist; any kind of place is accepted', () => {
    expect(placeHolds(req({ pickup: null }), P)).toMatchObject({ ok: false, reason: 'pickup' })
    expect(placeHolds(req({ pickup: undefined }), P).ok).toBe(false)
    expect(placeHolds(req({ pickup: LOCKER }), P).ok).toBe(true)
  })

  it('HOLD-SET: volumes of one set in the cart become one group in volume order', () => {
    const titles = [
      title(12, { setId: 7, volume: 3 }),
      title(10, { setId: 7, volume: 1 }),
      title(11, { setId: 7, volume: 2 }),
      title(20),
    ]
    const d = placeHolds(req({ titles }), P)
    expect(d.ok).toBe(true)
    if (!d.ok) return
    expect(d.value.setGroups).toEqual([{ setId: 7, titleIds: [10, 11, 12] }])
    expect(d.value.holds).toContainEqual({ titleId: 12, setId: 7, volumeOrder: 3 })
    expect(d.value.holds).toContainEqual({ titleId: 20, setId: null, volumeOrder: null })
  })

  it('HOLD-SET: manga is never a set, and a lone volume is an ordinary hold', () => {
    const manga = [1, 2].map((v) => title(v, { setId: 8, volume: v, materialType: 'manga' }))
    expect(planSetGroups(manga)).toEqual([])
    expect(planSetGroups([title(1, { setId: 7, volume: 1 })])).toEqual([])
  })

  it('ACC-PASSWORD: placing a hold needs a password and a reachable contact channel', () => {
    const noPw = placeHolds(req({ patron: patron({ hasPassword: false }) }), P)
    expect(noPw).toMatchObject({ ok: false, reason: 'no_password' })
    const d = placeHolds(req({ patron: patron({ reachable: false }) }), P)
    expect(d).toMatchObject({ ok: false, reason: 'unreachable' })
    if (!d.ok) expect(d.message.ja).toContain('ブロックしている場合は解除して')
  })

  it('ACC-BLOCK-OVERDUE: a patron with a loan over 60 days late cannot place holds', () => {
    const late = loan({ dueDate: '2026-03-01' })
    const d = placeHolds(req({ loans: [late] }), P)
    expect(d).toMatchObject({ ok: false, reason: 'blocked' })
    if (!d.ok) expect(d.message.ja).toContain('返却')
  })

  it('ACC-ELIGIBLE: a wide-area patron cannot place holds online', () => {
    const d = placeHolds(req({ patron: patron({ category: 'wide_area' }) }), P)
    expect(d).toMatchObject({ ok: false, reason: 'wide_area' })
  })

  it('HOLD-LIMIT / ACC-PASSWORD / ACC-ELIGIBLE: at the counter a hold needs no web password, no channel and may be a wide-area patron’s; the limits, expiry and the overdue block still apply', () => {
    const counter = (over: Partial<HoldRequest>) =>
      placeHolds(req({ ...over, channel: 'counter' }), P)
    for (const who of [
      patron({ hasPassword: false }),
      patron({ reachable: false }),
      patron({ category: 'wide_area', hasPassword: false, reachable: false }),
    ])
      expect(counter({ patron: who })).toMatchObject({ ok: true })
    expect(counter({ holds: heldOf(15) })).toMatchObject({ ok: false, reason: 'limit' })
    expect(counter({ patron: patron({ expiresOn: '2026-01-01' }) })).toMatchObject({
      ok: false,
      reason: 'expired',
    })
    expect(counter({ loans: [loan({ dueDate: '2026-03-01' })] })).toMatchObject({
      ok: false,
      reason: 'blocked',
    })
    expect(counter({ titles: [title(1, { notForLoan: true })] })).toMatchObject({
      ok: false,
      reason: 'not_for_loan',
    })
  })

  it('ACC-EXPIRED: a lapsed registration cannot place holds', () => {
    const d = placeHolds(req({ patron: patron({ expiresOn: '2026-01-01' }) }), P)
    expect(d).toMatchObject({ ok: false, reason: 'expired' })
  })

  it('HOLD-SCOPE: the confirmation says a shelf copy is not promised at once, and when notices go out', () => {
    const m = holdsPlacedMessage(2, 1, LOCKER, P, ON_LINE)
    expect(m.ja).toContain('すぐにご用意できるとは限りません')
    expect(m.ja).toContain('10時・16時・19時のいずれかに')
    expect(m.ja).toContain('巻の順番')
    expect(holdsPlacedMessage(1, 0, CENTRAL, P, ON_LINE).en).toContain(
      'at 10:00 and 16:00, Japan time',
    )
  })

  it('refuses an empty cart', () => {
    expect(placeHolds(req({ titles: [] }), P)).toMatchObject({ ok: false, reason: 'empty' })
  })
})
