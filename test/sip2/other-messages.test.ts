/**
 * The SIP2 server over real TCP, the other messages: renew (29), renew all (65), hold
 * (15: + - *), block patron (01), patron enable (25), resend (97), and the two answered as
 * not supported: fee paid (37) and item status update (19).
 */
import { and, eq, ne, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  blockPatronRequest,
  checkoutRequest,
  decodeFrame,
  encodeFrame,
  feePaidRequest,
  fieldsOf,
  holdRequest,
  itemInformationRequest,
  itemStatusUpdateRequest,
  patronEnableRequest,
  renewAllRequest,
  renewRequest,
  resendRequest,
} from '../../bot/sip2/index.ts'
import type { Sip2Client } from '../../bot/sip2/node-client.ts'
import { holds, patrons, places } from '../../db/schema.ts'
import { f, freeCopies, HANAKO, kioskAudit, type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let kiosk: Sip2Client

beforeAll(async () => {
  t = await startSip2()
  kiosk = await t.kiosk()
}, 30_000)
afterAll(() => t?.close())

/** 山田 花子's loan of a title, by the title's name (DEMO-PATRONS.md). */
async function hanakoCopy(title: string): Promise<string> {
  const [row] = await t.b.db.all<{ barcode: string }>(sql`
    SELECT c.barcode AS barcode FROM loans l JOIN copies c ON c.id = l.copy_id
    JOIN titles t ON t.id = c.title_id JOIN patrons p ON p.id = l.patron_id
    WHERE p.number = ${HANAKO.number} AND l.returned_at IS NULL AND t.title = ${title}`)
  return row!.barcode
}

describe('SIP2 renewals', () => {
  it('29: a renewable loan is renewed with its new due date; a reserved one is refused in core’s words', async () => {
    const ok = await kiosk.request(
      renewRequest(t.who(HANAKO.number, HANAKO.password), await hanakoCopy('残響事件簿')),
    )
    expect(ok.message.code).toBe('30')
    expect(ok.message.fixed).toMatchObject({ ok: '1', renewalOk: 'Y' })
    expect(f(ok, 'AH')).toMatch(/^\d{8} {4}235959$/)
    expect(f(ok, 'AF')).toContain('延長しました')
    const held = await kiosk.request(
      renewRequest(t.who(HANAKO.number, HANAKO.password), await hanakoCopy('乾物でつくる作りおき')),
    )
    expect(held.message.fixed.ok).toBe('0')
    expect(f(held, 'AF')).toMatch(/^延長できません。.*予約/)
    const audit = (await kioskAudit(t)).map((a) => a.action)
    expect(audit).toEqual(['loan.renew', 'loan.renew.refused'])
  })

  it('29: a wrong patron password renews nothing', async () => {
    const res = await kiosk.request(
      renewRequest(t.who(HANAKO.number, 'not-her-password'), await hanakoCopy('残響事件簿')),
    )
    expect(res.message.fixed.ok).toBe('0')
    expect(f(res, 'AF')).toContain('パスワードが違います')
  })

  it('65: renew all reports what was renewed (BM) and what was not (BN)', async () => {
    const res = await kiosk.request(renewAllRequest(t.who(HANAKO.number, HANAKO.password)))
    expect(res.message.code).toBe('66')
    const renewed = fieldsOf(res.message, 'BM')
    const unrenewed = fieldsOf(res.message, 'BN')
    expect(Number(res.message.fixed.renewedCount)).toBe(renewed.length)
    expect(Number(res.message.fixed.unrenewedCount)).toBe(unrenewed.length)
    expect(unrenewed).toContain(await hanakoCopy('乾物でつくる作りおき'))
    expect(unrenewed).toContain(await hanakoCopy('らいおんのおまつり'))
  })
})

describe('SIP2 holds', () => {
  it('15: places a hold (+), moves its pickup (*), cancels it (-)', async () => {
    const [copy] = await freeCopies(t.b, 1)
    const who = t.who(HANAKO.number, HANAKO.password)
    const placed = await kiosk.request(holdRequest(who, '+', copy!.barcode))
    expect(placed.message.code).toBe('16')
    expect(f(placed, 'AF')).toMatch(/^予約しました/)
    expect(placed.message.fixed.ok).toBe('1')
    expect(f(placed, 'BS')).toBe('中央図書館')
    expect(f(placed, 'BR')).toBe('1')
    const [other] = await t.b.db.orm
      .select()
      .from(places)
      .where(and(eq(places.kind, 'library'), ne(places.name, '中央図書館')))
    const moved = await kiosk.request(holdRequest(who, '*', copy!.barcode, other!.name))
    expect(moved.message.fixed.ok).toBe('1')
    expect(f(moved, 'BS')).toBe(other!.name)
    const cancelled = await kiosk.request(holdRequest(who, '-', copy!.barcode))
    expect(cancelled.message.fixed.ok).toBe('1')
    const [row] = await t.b.db.orm
      .select()
      .from(holds)
      .where(eq(holds.id, Number(/hold:(\d+)/.exec((await kioskAudit(t)).at(-1)!.subject)![1])))
    expect(row).toMatchObject({ state: 'cancelled', pickupPlaceId: other!.id })
    const actions = (await kioskAudit(t)).map((a) => a.action).slice(-3)
    expect(actions).toEqual(['hold.place', 'hold.pickup', 'hold.cancel'])
  })

  it('15: a refused hold is core’s sentence (a ready hold cannot be cancelled)', async () => {
    const [row] = await t.b.db.all<{ barcode: string }>(sql`
      SELECT c.barcode AS barcode FROM holds h JOIN copies c ON c.id = h.copy_id
      JOIN patrons p ON p.id = h.patron_id WHERE p.number = ${HANAKO.number} AND h.state = 'ready' LIMIT 1`)
    const res = await kiosk.request(
      holdRequest(t.who(HANAKO.number, HANAKO.password), '-', row!.barcode),
    )
    expect(res.message.fixed.ok).toBe('0')
    expect(f(res, 'AF')).toMatch(/^予約を取り消せません。/)
  })
})

describe('SIP2 block, enable, resend, unsupported', () => {
  it('01: a retained card suspends the record (audited); 25 answers its status, lending stays refused', async () => {
    const number = '1000000016'
    const blocked = await kiosk.request(blockPatronRequest(t.who(number), 'カード回収'))
    expect(blocked.message.code).toBe('24')
    expect(blocked.message.fixed.patronStatus?.[0]).toBe('Y')
    const [p] = await t.b.db.orm.select().from(patrons).where(eq(patrons.number, number))
    expect(p?.status).toBe('suspended')
    expect((await kioskAudit(t)).at(-1)?.action).toBe('patron.block')
    const enabled = await kiosk.request(patronEnableRequest(t.who(number)))
    expect(enabled.message.code).toBe('26')
    expect(enabled.message.fixed.patronStatus?.[0]).toBe('Y')
    const [copy] = await freeCopies(t.b, 1)
    const lend = await kiosk.request(checkoutRequest(t.who(number), copy!.barcode))
    expect(lend.message.fixed.ok).toBe('0')
  })

  it('97: the last answer is sent again, byte for byte', async () => {
    const first = await kiosk.request(patronEnableRequest(t.who(HANAKO.number)))
    kiosk.write(encodeFrame(resendRequest(), { checksum: true }))
    const again = decodeFrame((await kiosk.next())!)
    expect(again).toEqual(first)
  })

  it('a title holding the field separator is sent with a space in its place', async () => {
    const [copy] = await freeCopies(t.b, 1)
    await t.b.db.all(sql`UPDATE titles SET title = 'A|B' WHERE id =
      (SELECT title_id FROM copies WHERE barcode = ${copy!.barcode}) RETURNING id`)
    const res = await kiosk.request(itemInformationRequest(t.who(), copy!.barcode))
    expect(f(res, 'AJ')).toBe('A B')
    expect(f(res, 'AB')).toBe(copy!.barcode)
  })

  it('37 and 19: not supported, as the standard allows: payment not accepted, properties not changed', async () => {
    const fee = await kiosk.request(feePaidRequest(t.who(HANAKO.number), '100'))
    expect(fee.message.code).toBe('38')
    expect(fee.message.fixed.paymentAccepted).toBe('N')
    expect(f(fee, 'AF')).toContain('料金はかかりません')
    const [copy] = await freeCopies(t.b, 1)
    const status = await kiosk.request(itemStatusUpdateRequest(t.who(), copy!.barcode))
    expect(status.message.code).toBe('20')
    expect(status.message.fixed.itemPropertiesOk).toBe('0')
  })
})
