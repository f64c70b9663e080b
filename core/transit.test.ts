import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import { cancelHold } from './hold-actions.ts'
import { parsePolicy } from './policy-parse.ts'
import { pickHoldForCopy } from './queue.ts'
import { CENTRAL, hold, KUZUHA, P } from './test-fixtures.ts'
import {
  isTransitOverdue,
  mayReceive,
  readyCopyPlaceId,
  receivingPlaceId,
  setAsideMove,
  vanDay,
} from './transit.ts'

const kuzuha = { id: 3, kind: 'library' as const, parentId: null }
const room = { id: 12, kind: 'branch_room' as const, parentId: 4 }
const locker = { id: 20, kind: 'locker' as const, parentId: 9 }
const station = { id: 16, kind: 'bookmobile' as const, parentId: 1 }

describe('HOLD-TRANSIT', () => {
  it('HOLD-TRANSIT: a copy set aside at the pickup library is ready there; elsewhere it travels there', () => {
    expect(setAsideMove(3, kuzuha)).toEqual({ kind: 'here' })
    expect(setAsideMove(1, kuzuha)).toEqual({ kind: 'transit', toPlaceId: 3 })
  })

  it('HOLD-TRANSIT: a branch room receives for itself, even from the library that runs it', () => {
    expect(receivingPlaceId(room)).toBe(12)
    expect(setAsideMove(4, room)).toEqual({ kind: 'transit', toPlaceId: 12 })
  })

  it('HOLD-TRANSIT: a locker copy is received by the library that fills the locker (HOLD-LOCKER)', () => {
    expect(setAsideMove(9, locker)).toEqual({ kind: 'here' })
    expect(setAsideMove(1, locker)).toEqual({ kind: 'transit', toPlaceId: 9 })
  })

  it('HOLD-LOCKER, ACC-BLOCK-OVERDUE: a locker copy not lent waits at the library that fills the locker', () => {
    expect(readyCopyPlaceId(locker, true)).toBe(20)
    expect(readyCopyPlaceId(locker, false)).toBe(9)
    expect(readyCopyPlaceId(kuzuha, false)).toBe(3)
    expect(readyCopyPlaceId(station, false)).toBe(16)
  })

  it('HOLD-TRANSIT: a bookmobile station copy is received where the bookmobile is loaded (HOLD-BOOKMOBILE)', () => {
    expect(setAsideMove(1, station)).toEqual({ kind: 'here' })
    expect(setAsideMove(3, station)).toEqual({ kind: 'transit', toPlaceId: 1 })
  })

  it('HOLD-TRANSIT: only the destination receives; the wrong library is told where it goes', () => {
    expect(mayReceive({ destination: KUZUHA, hereId: 3 })).toEqual({ ok: true, value: null })
    const wrong = mayReceive({ destination: KUZUHA, hereId: 1 })
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong_place' })
    if (!wrong.ok) {
      expect(wrong.message.ja).toContain('回送先は楠葉図書館です')
      expect(wrong.message.en).toContain('Kuzuha Library')
    }
    const idle = mayReceive({ destination: null, hereId: 1 })
    expect(idle).toMatchObject({ ok: false, reason: 'not_in_transit' })
  })

  it('HOLD-TRANSIT: a copy not received after the policy’s days is overdue (configurable)', () => {
    const sent = jstInstant('2026-05-01', '17:00')
    expect(isTransitOverdue(sent, jstInstant('2026-05-07', '23:59'), P)).toBe(false)
    expect(isTransitOverdue(sent, jstInstant('2026-05-08', '00:00'), P)).toBe(true)
    const two = parsePolicy({ transit: { overdueDays: 2 } })
    if (!two.ok) throw new Error('policy refused')
    expect(isTransitOverdue(sent, jstInstant('2026-05-03', '09:00'), two.policy)).toBe(true)
    expect(parsePolicy({ transit: { overdueDays: 0 } })).toMatchObject({
      ok: false,
      errors: [{ field: 'transit.overdueDays' }],
    })
  })

  it('HOLD-TRANSIT: a copy sent after the van left goes in the next day’s box (transit.vanLeavesAt, assumed)', () => {
    // Hirakata's default packs the whole day in that day's box.
    expect(vanDay(jstInstant('2026-05-01', '23:58'), P)).toBe('2026-05-01')
    const three = parsePolicy({ transit: { vanLeavesAt: '15:00' } })
    if (!three.ok) throw new Error('policy refused')
    expect(vanDay(jstInstant('2026-05-01', '14:59'), three.policy)).toBe('2026-05-01')
    expect(vanDay(jstInstant('2026-05-01', '15:00'), three.policy)).toBe('2026-05-02')
    expect(parsePolicy({ transit: { vanLeavesAt: '3pm' } })).toMatchObject({
      ok: false,
      errors: [{ field: 'transit.vanLeavesAt' }],
    })
  })

  it('HOLD-TRANSIT + HOLD-SET: a later volume is not set aside while an earlier one is in transit', () => {
    const v1 = hold(1, { titleId: 501, setGroup: 7, volume: 1, state: 'in_transit' })
    const v2 = hold(2, { titleId: 502, setGroup: 7, volume: 2 })
    expect(pickHoldForCopy(502, [v1, v2])).toBeNull()
    expect(pickHoldForCopy(502, [{ ...v1, state: 'ready' }, v2])?.id).toBe(2)
  })

  it('HOLD-TRANSIT + HOLD-CANCEL: a hold in transit is not cancelled online; the answer says 回送中 and names the pickup place', () => {
    const d = cancelHold(hold(1, { state: 'in_transit' }), 1, KUZUHA, P)
    expect(d).toMatchObject({ ok: false, reason: 'ready' })
    if (!d.ok) {
      expect(d.message.ja).toContain('回送中')
      expect(d.message.ja).toContain('楠葉図書館（050-7102-3113）')
      expect(d.message.en).toContain('in transit')
    }
    expect(cancelHold(hold(1), 1, CENTRAL, P)).toMatchObject({ ok: true })
  })
})
