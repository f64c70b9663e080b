/**
 * Kiosks racing over real TCP: for the last copy (exactly one lends it) and past HOLD-LIMIT
 * (佐藤 健一 has 14 of 15 holds: of five kiosks placing a hold at once, one succeeds).
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkoutRequest, holdRequest } from '../../bot/sip2/index.ts'
import { freeCopies, HANAKO, type Sip2Test, startSip2, YOKO } from './harness.ts'

let t: Sip2Test

beforeAll(async () => {
  t = await startSip2()
}, 30_000)
afterAll(() => t?.close())

describe('SIP2 races', () => {
  it('two kiosks lending the same last copy to two patrons: exactly one lends it', async () => {
    const [a, b] = await Promise.all([t.kiosk(), t.kiosk()])
    const [copy] = await freeCopies(t.b, 1)
    const [ra, rb] = await Promise.all([
      a.request(checkoutRequest(t.who(HANAKO.number), copy!.barcode)),
      b.request(checkoutRequest(t.who(YOKO.number), copy!.barcode)),
    ])
    expect([ra.message.fixed.ok, rb.message.fixed.ok].sort()).toEqual(['0', '1'])
    const open = await t.b.db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM loans l JOIN copies c ON c.id = l.copy_id
      WHERE c.barcode = ${copy!.barcode} AND l.returned_at IS NULL`)
    expect(open[0]?.n).toBe(1)
  })

  it('HOLD-LIMIT: five kiosks placing holds for a patron one short of the limit: one succeeds', async () => {
    const kenichi = '1000000002'
    const kiosks = await Promise.all(Array.from({ length: 5 }, () => t.kiosk()))
    const titles = await freeCopies(t.b, 5)
    const answers = await Promise.all(
      kiosks.map((k, i) =>
        k.request(holdRequest(t.who(kenichi, 'kenichi-0002'), '+', titles[i]!.barcode)),
      ),
    )
    expect(answers.filter((r) => r.message.fixed.ok === '1')).toHaveLength(1)
    const refused = answers.filter((r) => r.message.fixed.ok === '0')
    for (const r of refused)
      expect(r.message.fields.find(([id]) => id === 'AF')?.[1]).toMatch(/^予約できません。/)
    const [active] = await t.b.db.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM holds h JOIN patrons p ON p.id = h.patron_id
      WHERE p.number = ${kenichi} AND h.state IN ('waiting','in_transit','ready')`)
    expect(active?.n).toBe(t.b.config.policy.holdLimit.total)
  })
})
