import { describe, expect, it } from 'vitest'
import { addDays } from './dates.ts'
import { isSuspended, resumeHold, suspendedUntil, suspendHold } from './hold-suspend.ts'
import { holdCounts } from './holds.ts'
import { pickHoldForCopy, queuePosition } from './queue.ts'
import { hold, LOCKER, P } from './test-fixtures.ts'

const today = '2026-05-01'
const place = {
  id: 2,
  name: '楠葉図書館',
  nameEn: 'Kuzuha Library',
  kind: 'library' as const,
  phone: '072-000-0000',
}

function ask(over: Partial<Parameters<typeof suspendHold>[0]> = {}) {
  return suspendHold(
    { hold: hold(7), patronId: 1, until: '2026-05-10', today, pickup: place, ...over },
    P,
  )
}

describe('HOLD-SUSPEND', () => {
  it('HOLD-SUSPEND: a waiting hold may be suspended from today up to 90 days ahead', () => {
    expect(ask()).toEqual({ ok: true, value: { holdId: 7, until: '2026-05-10' } })
    expect(ask({ until: today }).ok).toBe(true)
    expect(ask({ until: addDays(today, 90) }).ok).toBe(true)
  })

  it('HOLD-SUSPEND: more than 90 days ahead, a past day or not a date is refused, saying why', () => {
    const far = ask({ until: addDays(today, 91) })
    expect(far.ok || far.reason).toBe('too_far')
    if (!far.ok) {
      expect(far.message.ja).toContain('90日後')
      expect(far.message.ja).toContain('2026年7月30日')
      expect(far.message.en).toContain('90 days')
    }
    for (const until of ['2026-04-30', '2026-02-30', 'tomorrow', 20260510, null]) {
      const r = ask({ until })
      expect(r.ok || r.reason, String(until)).toBe('bad_date')
    }
  })

  it('HOLD-SUSPEND: a ready or in-transit hold cannot be suspended; the answer names the pickup place and phone', () => {
    for (const state of ['ready', 'in_transit'] as const) {
      const r = ask({ hold: hold(7, { state }) })
      expect(r.ok || r.reason).toBe('ready')
      if (!r.ok) {
        expect(r.message.ja).toContain('楠葉図書館（072-000-0000）')
        expect(r.message.en).toContain('Kuzuha Library (072-000-0000)')
      }
    }
    for (const state of ['collected', 'cancelled', 'expired'] as const) {
      const r = ask({ hold: hold(7, { state }) })
      expect(r.ok || r.reason).toBe('ended')
    }
    const r = ask({ patronId: 2 })
    expect(r.ok || r.reason).toBe('not_yours')
  })

  it('HOLD-SUSPEND, HOLD-LOCKER: a locker hold set aside names the library that runs the locker, with its number', () => {
    const r = ask({ hold: hold(7, { state: 'ready' }), pickup: LOCKER })
    if (r.ok) throw new Error('expected a refusal')
    expect(r.message.ja).toContain(
      '受け取りが難しい場合は、受取場所（枚方市駅 予約図書受取ロッカー）を受け持つ駅前図書館（072-841-1103）へお電話ください。',
    )
    expect(r.message.en).toContain(
      'please phone Ekimae Library (072-841-1103), which runs the pickup place (Hirakatashi Station pickup locker).',
    )
  })

  it('HOLD-SUSPEND: "until" is inclusive; the day after, the hold is active again by itself', () => {
    const h = hold(7, { suspendedUntil: '2026-05-10' })
    expect(isSuspended(h, '2026-05-10')).toBe(true)
    expect(suspendedUntil(h, '2026-05-01')).toBe('2026-05-10')
    expect(isSuspended(h, '2026-05-11')).toBe(false)
    expect(suspendedUntil(h, '2026-05-11')).toBeNull()
    expect(isSuspended(hold(7), today)).toBe(false)
  })

  it('HOLD-SUSPEND: a suspended hold keeps its place but a copy passes it over', () => {
    const first = hold(1, { titleId: 5, placedAt: 100, suspendedUntil: '2026-05-10' })
    const second = hold(2, { titleId: 5, placedAt: 200, patronId: 2 })
    expect(queuePosition(first, [first, second])).toBe(1)
    expect(queuePosition(second, [first, second])).toBe(2)
    expect(pickHoldForCopy(5, [first, second], today)?.id).toBe(2)
    expect(pickHoldForCopy(5, [first], today)).toBeNull()
    expect(pickHoldForCopy(5, [first, second], '2026-05-11')?.id).toBe(1)
  })

  it('HOLD-SUSPEND: a suspended hold still counts toward HOLD-LIMIT', () => {
    const holds = [hold(1, { suspendedUntil: '2026-05-10' }), hold(2)]
    expect(holdCounts(holds, P).total).toBe(2)
  })

  it('HOLD-SUSPEND: resuming early works only on a hold suspended now', () => {
    const h = hold(7, { suspendedUntil: '2026-05-10' })
    expect(resumeHold(h, 1, today)).toEqual({ ok: true, value: { holdId: 7 } })
    const lapsed = resumeHold(h, 1, '2026-05-11')
    expect(lapsed.ok || lapsed.reason).toBe('not_suspended')
    expect(resumeHold(h, 2, today).ok || 'x').toBe('x')
    const done = resumeHold({ ...h, state: 'cancelled' }, 1, today)
    expect(done.ok || done.reason).toBe('ended')
  })
})
