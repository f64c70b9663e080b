import { describe, expect, it } from 'vitest'
import { cancelHold, changePickup, mayBorrowReadyHold } from './hold-actions.ts'
import { CENTRAL, hold, KUZUHA, LOCKER, P } from './test-fixtures.ts'

describe('cancelling and changing holds', () => {
  it('HOLD-CANCEL: a waiting hold can be cancelled by its own patron', () => {
    expect(cancelHold(hold(1), 1, CENTRAL, P)).toEqual({ ok: true, value: { holdId: 1 } })
    expect(cancelHold(hold(1), 2, CENTRAL, P)).toMatchObject({ ok: false, reason: 'not_yours' })
  })

  it('HOLD-CANCEL: a ready hold is refused, naming the pickup library and its phone', () => {
    for (const state of ['ready', 'in_transit'] as const) {
      const d = cancelHold(hold(1, { state }), 1, KUZUHA, P)
      expect(d).toMatchObject({ ok: false, reason: 'ready' })
      if (!d.ok) {
        expect(d.message.ja).toContain('楠葉図書館（050-7102-3113）')
        expect(d.message.en).toContain('Kuzuha Library (050-7102-3113)')
        // Said for LINE as for any channel: not 「Webサービスから」 (a patron walk in LINE).
        expect(d.message.ja).toContain('オンラインでは取り消せません')
      }
    }
  })

  it('HOLD-CANCEL, HOLD-LOCKER: a locker hold has no staff to visit: phone the library that runs it, by its name and number', () => {
    const d = cancelHold(hold(1, { state: 'ready' }), 1, LOCKER, P)
    if (d.ok) throw new Error('expected a refusal')
    expect(d.message.ja).toContain(
      '受取場所（枚方市駅 予約図書受取ロッカー）を受け持つ駅前図書館（072-841-1103）へお電話でご連絡ください。',
    )
    expect(d.message.ja).not.toContain('直接')
    expect(d.message.en).toContain(
      'Please phone Ekimae Library (072-841-1103), which runs the pickup place (Hirakatashi Station pickup locker).',
    )
    // The locker is not named beside its library's number (a patron walk).
    expect(d.message.ja).not.toContain('ロッカー（072-841-1103）')
  })

  it("HOLD-CANCEL, HOLD-BOOKMOBILE: a station listing its library's number likewise; with a line of its own, that line as the bookmobile office's; with neither known, the library-wide contact", () => {
    const station = {
      ...LOCKER,
      name: 'ひなぎく号 星丘',
      nameEn: 'Hinagiku bookmobile: Hoshigaoka',
      kind: 'bookmobile' as const,
    }
    const known = cancelHold(hold(1, { state: 'in_transit' }), 1, station, P)
    if (known.ok) throw new Error('expected a refusal')
    expect(known.message.ja).toContain(
      '受取場所（ひなぎく号 星丘）を受け持つ駅前図書館（072-841-1103）へお電話で',
    )
    // The guide's 分室・自動車文庫「ひなぎく号」050-7105-8114: the stations' own rows list it.
    const office = cancelHold(
      hold(1, { state: 'ready' }),
      1,
      { ...station, phone: '050-7105-8114' },
      P,
    )
    if (office.ok) throw new Error('expected a refusal')
    expect(office.message.ja).toContain(
      '受取場所（ひなぎく号 星丘）を受け持つ移動図書館の係（050-7105-8114）へお電話で',
    )
    expect(office.message.en).toContain(
      'the bookmobile office (050-7105-8114), which runs the pickup place (Hinagiku bookmobile: Hoshigaoka)',
    )
    const { runBy: _, ...unknown } = { ...station, phone: '050-7105-8114' }
    const d = cancelHold(hold(1, { state: 'ready' }), 1, unknown, P)
    if (d.ok) throw new Error('expected a refusal')
    expect(d.message.ja).toContain(
      '受取場所（ひなぎく号 星丘）について、中央図書館（050-7105-8141）へお電話でご連絡ください。',
    )
    expect(d.message.en).toContain(
      'Please phone Central Library (050-7105-8141) about the pickup place (Hinagiku bookmobile: Hoshigaoka).',
    )
  })

  it('HOLD-CANCEL: a copy in transit is explained as on its way, not as 確保中', () => {
    const d = cancelHold(hold(1, { state: 'in_transit' }), 1, KUZUHA, P)
    if (d.ok) throw new Error('expected a refusal')
    expect(d.message.ja).toContain('回送中の予約は')
    expect(d.message.ja).not.toContain('確保中')
    expect(d.message.en).toContain('in transit')
    // The holds list already says where the copy is going: the refusal says only why and whom.
    expect(d.message.en).not.toContain('set aside')
    expect(d.message.ja).toContain('楠葉図書館（050-7102-3113）')
  })

  it('HOLD-CANCEL: an inter-library request is refused, naming the pickup library and phone', () => {
    const d = cancelHold(hold(1, { interLibrary: true }), 1, CENTRAL, P)
    expect(d).toMatchObject({ ok: false, reason: 'inter_library' })
    if (!d.ok) expect(d.message.ja).toContain('050-7105-8141')
  })

  it('HOLD-CANCEL: an ended hold is refused as ended', () => {
    const d = cancelHold(hold(1, { state: 'collected' }), 1, CENTRAL, P)
    expect(d).toMatchObject({ ok: false, reason: 'ended' })
  })

  it('HOLD-CHANGE: the pickup place can be changed before the hold is ready', () => {
    const req = { hold: hold(1), patronId: 1, current: CENTRAL, next: KUZUHA, blocked: false }
    expect(changePickup(req, P)).toEqual({ ok: true, value: { holdId: 1, pickupPlaceId: 3 } })
    expect(changePickup({ ...req, next: null }, P)).toMatchObject({ reason: 'pickup' })
  })

  it('HOLD-CHANGE: refused once ready, naming the current pickup place', () => {
    const req = { hold: hold(1, { state: 'ready' }), patronId: 1, current: KUZUHA, next: CENTRAL }
    const d = changePickup({ ...req, blocked: false }, P)
    expect(d).toMatchObject({ ok: false, reason: 'ready' })
    if (!d.ok)
      expect(d.message.ja).toContain('受取場所の楠葉図書館（050-7102-3113）へお電話ください。')
  })

  it('HOLD-CHANGE, HOLD-LOCKER: refused once ready at a locker, naming the library that runs it', () => {
    const req = { hold: hold(1, { state: 'ready' }), patronId: 1, current: LOCKER, next: CENTRAL }
    const d = changePickup({ ...req, blocked: false }, P)
    if (d.ok) throw new Error('expected a refusal')
    expect(d.message.ja).toContain(
      'ご相談は受取場所（枚方市駅 予約図書受取ロッカー）を受け持つ駅前図書館（072-841-1103）へお電話ください。',
    )
    expect(d.message.en).toContain(
      'If you need help, please phone Ekimae Library (072-841-1103), which runs the pickup place (Hirakatashi Station pickup locker).',
    )
  })

  it('ACC-BLOCK-OVERDUE: the pickup place cannot be changed while blocked', () => {
    const req = { hold: hold(1), patronId: 1, current: CENTRAL, next: KUZUHA, blocked: true }
    expect(changePickup(req, P)).toMatchObject({ ok: false, reason: 'blocked' })
  })

  it('ACC-BLOCK-OVERDUE: a ready hold cannot be borrowed while blocked', () => {
    const ready = hold(1, { state: 'ready' })
    expect(mayBorrowReadyHold(ready, 1, false, P).ok).toBe(true)
    const d = mayBorrowReadyHold(ready, 1, true, P)
    expect(d).toMatchObject({ ok: false, reason: 'blocked' })
    if (!d.ok) expect(d.message.ja).toContain('60日以上')
    expect(mayBorrowReadyHold(hold(1), 1, false, P)).toMatchObject({ reason: 'not_ready' })
  })
})
