/**
 * The SIP2 server over real TCP, core messages: login (93), SC status (99), patron status
 * (23), patron information (63), checkout (11), checkin (09), item information (17), end
 * session (35) — each acting through the counter's functions, audited under the kiosk.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tick } from '../../bot/notices/run-slot.ts'
import {
  checkinRequest,
  checkoutRequest,
  endSessionRequest,
  fieldsOf,
  holdRequest,
  itemInformationRequest,
  loginRequest,
  patronInformationRequest,
  patronStatusRequest,
  scStatusRequest,
} from '../../bot/sip2/index.ts'
import type { Sip2Client } from '../../bot/sip2/node-client.ts'
import { jstInstant } from '../../core/dates.ts'
import { copies, holds, notices, patrons } from '../../db/schema.ts'
import { upsertStaff } from '../../db/staff.ts'
import { linkPatron } from '../bot/link-flow.ts'
import {
  f,
  freeCopies,
  HANAKO,
  KIOSK,
  kioskAudit,
  RESERVED_COPY,
  type Sip2Test,
  startSip2,
  YOKO,
} from './harness.ts'

let t: Sip2Test
let kiosk: Sip2Client

beforeAll(async () => {
  t = await startSip2()
  kiosk = await t.kiosk()
}, 30_000)
afterAll(() => t?.close())

describe('SIP2 login and status', () => {
  it('93: a kiosk account logs in; a wrong password, a staff account and an unknown login do not', async () => {
    await upsertStaff(
      t.b.db,
      { login: 'desk-only', name: '窓口', password: 'desk-password-2026' },
      t.b.clock.now(),
    )
    for (const [user, pass] of [
      [KIOSK.login, 'wrong-password-0000'],
      ['desk-only', 'desk-password-2026'],
      ['nobody-here', 'whatever-password'],
    ] as const) {
      const c = await t.connect()
      const res = await c.request(loginRequest(user, pass))
      expect(res.message.code).toBe('94')
      expect(res.message.fixed.ok).toBe('0')
    }
    const c = await t.connect()
    const ok = await c.request(loginRequest(KIOSK.login, KIOSK.password))
    expect(ok.message.fixed.ok).toBe('1')
    expect(ok.sequence).toBe(0)
    expect(ok.checked).toBe(true)
  })

  it('a message before login closes the connection, changing nothing', async () => {
    const c = await t.connect()
    const copy = (await freeCopies(t.b, 1))[0]!
    c.write(
      new TextEncoder().encode(
        `11NN${'20261125    120000'}${' '.repeat(18)}AOhirakata|AA${HANAKO.number}|AB${copy.barcode}|\r`,
      ),
    )
    expect(await c.next()).toBeNull()
    const [still] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, copy!.barcode))
    expect(still?.status).toBe('on_shelf')
    expect(t.b.log.lines.some((l) => l.includes('sip2.before_login'))).toBe(true)
  })

  it('99: the ACS status names the institution, the library, and the supported messages', async () => {
    const res = await kiosk.request(scStatusRequest())
    expect(res.message.code).toBe('98')
    expect(res.message.fixed).toMatchObject({
      onlineStatus: 'Y',
      checkinOk: 'Y',
      checkoutOk: 'Y',
      protocolVersion: '2.00',
    })
    expect(f(res, 'AO')).toBe('hirakata')
    expect(f(res, 'AM')).toBe('中央図書館')
    // 37 fee paid and 19 item status update are the two "N"s.
    expect(f(res, 'BX')).toBe('YYYYYYYYYNYNYYYY')
  })
})

describe('SIP2 patrons', () => {
  it('23: a patron with the right password is valid, named, and not blocked', async () => {
    const res = await kiosk.request(patronStatusRequest(t.who(HANAKO.number, HANAKO.password)))
    expect(res.message.code).toBe('24')
    expect(res.message.fixed.patronStatus).toBe(' '.repeat(14))
    expect(f(res, 'BL')).toBe('Y')
    expect(f(res, 'CQ')).toBe('Y')
    expect(f(res, 'AE')).toBe(HANAKO.name)
  })

  it('23: an unknown number is not a valid patron; a long-overdue patron is blocked in core’s words', async () => {
    const unknown = await kiosk.request(patronStatusRequest(t.who('1999999999')))
    expect(f(unknown, 'BL')).toBe('N')
    expect(f(unknown, 'AE')).toBe('')
    const makoto = await kiosk.request(patronStatusRequest(t.who('1000000004')))
    expect(makoto.message.fixed.patronStatus?.[0]).toBe('Y')
    expect(f(makoto, 'AF')).toContain('返却期限を過ぎている資料があるため')
  })

  it('63: counts always; the charged list (in the BP–BQ range) unless a wrong password came', async () => {
    const full = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number, HANAKO.password), 'charged'),
    )
    expect(full.message.code).toBe('64')
    const charged = Number(full.message.fixed.chargedItemsCount)
    expect(charged).toBeGreaterThanOrEqual(5)
    expect(fieldsOf(full.message, 'AU')).toHaveLength(charged)
    expect(Number(full.message.fixed.overdueItemsCount)).toBeGreaterThanOrEqual(1)
    expect(Number(full.message.fixed.holdItemsCount)).toBeGreaterThanOrEqual(1)
    expect(Number(full.message.fixed.unavailableHoldsCount)).toBeGreaterThanOrEqual(1)
    const range = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number, HANAKO.password), 'charged', {
        start: 2,
        end: 3,
      }),
    )
    expect(fieldsOf(range.message, 'AU')).toEqual(fieldsOf(full.message, 'AU').slice(1, 3))
    const ready = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number, HANAKO.password), 'hold'),
    )
    expect(fieldsOf(ready.message, 'AS')).toContain('枚方宿の歴史')
    const waiting = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number, HANAKO.password), 'unavailable'),
    )
    expect(fieldsOf(waiting.message, 'CD')).toContain('川日和')
    const noPassword = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number), 'charged'),
    )
    expect(fieldsOf(noPassword.message, 'AU')).toEqual(fieldsOf(full.message, 'AU'))
    const wrong = await kiosk.request(
      patronInformationRequest(t.who(HANAKO.number, 'not-hers-000'), 'charged'),
    )
    expect(wrong.message.fixed.chargedItemsCount).toBe(full.message.fixed.chargedItemsCount)
    expect(fieldsOf(wrong.message, 'AU')).toEqual([])
    expect(f(wrong, 'CQ')).toBe('N')
    expect(f(wrong, 'AE')).toBe('')
  })

  it('35: the session ends', async () => {
    const res = await kiosk.request(endSessionRequest(t.who(HANAKO.number)))
    expect(res.message.code).toBe('36')
    expect(res.message.fixed.endSession).toBe('Y')
  })
})

describe('SIP2 circulation', () => {
  it('11 then 09: lends and takes back like the counter, audited under the kiosk', async () => {
    const [copy] = await freeCopies(t.b, 1)
    const out = await kiosk.request(
      checkoutRequest(t.who(HANAKO.number, HANAKO.password), copy!.barcode),
    )
    expect(out.message.code).toBe('12')
    expect(out.message.fixed.ok).toBe('1')
    expect(f(out, 'AJ')).toBe(copy!.title)
    expect(f(out, 'AH')).toMatch(/^\d{8} {4}235959$/)
    expect(f(out, 'AF')).toContain('貸し出しました')
    expect(fieldsOf(out.message, 'AG')[0]).toMatch(/^返却期限 \d{4}年/)

    const info = await kiosk.request(itemInformationRequest(t.who(), copy!.barcode))
    expect(info.message.code).toBe('18')
    expect(info.message.fixed.circulationStatus).toBe('04')
    expect(f(info, 'AJ')).toBe(copy!.title)
    expect(f(info, 'AH')).toBe(f(out, 'AH'))

    const back = await kiosk.request(checkinRequest(t.who(), copy!.barcode))
    expect(back.message.code).toBe('10')
    expect(back.message.fixed).toMatchObject({ ok: '1', alert: 'N', resensitize: 'Y' })
    expect(f(back, 'AF')).toContain('返却しました')

    const again = await kiosk.request(itemInformationRequest(t.who(), copy!.barcode))
    expect(again.message.fixed.circulationStatus).toBe('03')
    expect(f(again, 'AP')).toBe('中央図書館')
    expect(f(again, 'CF')).toBe('0')

    const audit = await kioskAudit(t)
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['checkout', 'checkin']))
    expect(audit.every((a) => a.role === 'kiosk')).toBe(true)
  })

  it('11: a refusal is core’s sentence, and nothing is lent', async () => {
    const [copy] = await freeCopies(t.b, 1)
    const res = await kiosk.request(checkoutRequest(t.who('1000000004'), copy!.barcode))
    expect(res.message.fixed.ok).toBe('0')
    expect(f(res, 'AF')).toMatch(/^貸出できません。/)
    const audit = await kioskAudit(t)
    expect(audit.at(-1)?.action).toBe('checkout.refused')
  })

  it('11, 17: a withdrawn (除籍) copy is refused in core’s words, nothing is lent, and it is not available', async () => {
    const [copy] = await freeCopies(t.b, 1)
    await t.b.db.orm
      .update(copies)
      .set({ withdrawnAt: t.b.clock.now() })
      .where(eq(copies.barcode, copy!.barcode))
    const res = await kiosk.request(
      checkoutRequest(t.who(HANAKO.number, HANAKO.password), copy!.barcode),
    )
    expect(res.message.fixed.ok).toBe('0')
    expect(f(res, 'AF')).toMatch(/^貸出できません。この資料は除籍済み/)
    const audit = await kioskAudit(t)
    expect(audit.at(-1)).toMatchObject({ action: 'checkout.refused' })
    const [row] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, copy!.barcode))
    expect(row).toMatchObject({ status: 'on_shelf' })
    // 17: not 'available' (03) but 'other' (01), saying why.
    const info = await kiosk.request(itemInformationRequest(t.who(), copy!.barcode))
    expect(info.message.fixed.circulationStatus).toBe('01')
    expect(f(info, 'AF')).toContain('除籍')
  })

  it('HOLD-TRANSIT: a copy taken back at 中央 for a hold collected at 楠葉 travels there first (09 alert 02 with the destination, 17 in transit), and no notice is queued yet', async () => {
    const back = await kiosk.request(checkinRequest(t.who(), RESERVED_COPY))
    expect(back.message.fixed).toMatchObject({ ok: '1', alert: 'Y' })
    expect(f(back, 'CV')).toBe('02')
    expect(f(back, 'CT')).toBe('楠葉図書館')
    expect(f(back, 'AF')).toMatch(/^予約あり：楠葉図書館へ回送します。/)
    const [row] = await t.b.db.orm.select().from(copies).where(eq(copies.barcode, RESERVED_COPY))
    expect(row).toMatchObject({ status: 'in_transit' })
    const [hold] = await t.b.db.orm.select().from(holds).where(eq(holds.copyId, row!.id))
    expect(hold).toMatchObject({ state: 'in_transit' })
    expect(await t.b.db.orm.select().from(notices).where(eq(notices.holdId, hold!.id))).toEqual([])
    const info = await kiosk.request(itemInformationRequest(t.who(), RESERVED_COPY))
    expect(info.message.fixed.circulationStatus).toBe('10')
  })

  it('HOLD-READY: checkout, a hold placed, checkin: the copy goes to the hold shelf and the push reaches LINE once', async () => {
    const yokoUser = t.b.users[1]!.userId
    await t.b.sim.users.follow(yokoUser)
    await t.b.settled()
    await linkPatron(t.b, yokoUser, YOKO.number, YOKO.password)
    const [yoko] = await t.b.db.orm.select().from(patrons).where(eq(patrons.number, YOKO.number))

    // 山田 花子 borrows a copy at the kiosk; 吉田 陽子 reserves its title there; it comes back.
    const [copy] = await freeCopies(t.b, 1)
    const out = await kiosk.request(checkoutRequest(t.who(HANAKO.number), copy!.barcode))
    expect(out.message.fixed.ok).toBe('1')
    const placed = await kiosk.request(
      holdRequest(t.who(YOKO.number, YOKO.password), '+', copy!.barcode),
    )
    expect(placed.message.fixed.ok).toBe('1')
    const back = await kiosk.request(checkinRequest(t.who(), copy!.barcode))
    expect(back.message.fixed).toMatchObject({ ok: '1', alert: 'Y', resensitize: 'N' })
    expect(f(back, 'CV')).toBe('01')
    expect(f(back, 'AF')).toMatch(/^予約あり：中央図書館の予約棚へ/)
    // The holder is not named at a public kiosk.
    expect(JSON.stringify(back.message)).not.toContain(YOKO.number)
    const [{ titleId }] = (await t.b.db.orm
      .select({ titleId: copies.titleId })
      .from(copies)
      .where(eq(copies.barcode, copy!.barcode))) as [{ titleId: number }]

    const [hold] = await t.b.db.orm
      .select()
      .from(holds)
      .where(
        and(eq(holds.patronId, yoko!.id), eq(holds.titleId, titleId), eq(holds.state, 'ready')),
      )
    expect(hold).toMatchObject({ copyId: expect.any(Number) })
    const queued = await t.b.db.orm.select().from(notices).where(eq(notices.holdId, hold!.id))
    expect(queued).toMatchObject([{ state: 'pending' }])

    const deps = {
      db: t.b.db,
      library: t.b.library,
      line: t.b.line,
      clock: t.b.clock,
      config: t.b.config,
      log: t.b.log,
    }
    const pushes = () =>
      t.b.sim.record
        .botMessages(yokoUser)
        .filter(
          (m) =>
            m.via === 'push' &&
            /^ご予約の資料がご用意できました/.test(
              (m.message as { altText?: string }).altText ?? '',
            ),
        )
    t.b.setNow(jstInstant('2026-11-25', '16:00'))
    await tick(deps)
    await tick(deps)
    expect(pushes()).toHaveLength(1)
    const [sent] = await t.b.db.orm.select().from(notices).where(eq(notices.holdId, hold!.id))
    expect(sent?.state).toBe('sent')
  }, 30_000)

  it('logs no patron number and no password', () => {
    const all = t.b.log.lines.filter((l) => l.includes('sip2.')).join('\n')
    expect(all).not.toContain(HANAKO.number)
    expect(all).not.toContain(HANAKO.password)
    expect(all).not.toContain(KIOSK.password)
  })
})
