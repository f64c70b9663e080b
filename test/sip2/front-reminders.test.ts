/**
 * Front mode sends the reminders patrons ask for (NOTICE-DUE-SOON, NOTICE-EXPIRY) over SIP2.
 *
 * - The "ILS" is an embedded bunko (the demo library) with its SIP2 server on a loopback port,
 *   behind the fault proxy (requests are counted there, and it can go down).
 * - The front bunko is configured as `npm start` would be (LIBRARY_SYSTEM=sip2), with its OWN
 *   database seeded with the same demo library and then emptied of loans, holds and notices:
 *   a reminder the patron gets can only have come from the ILS over SIP2, and its push cannot
 *   have read bunko's loans table.
 * - Slots are run as the scheduler runs them (tick), on both bunkos' clocks at once.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dueSoonAltText } from '../../bot/messages/due-soon.ts'
import { expiryAltText } from '../../bot/messages/expiry.ts'
import { pollNotices } from '../../bot/notices/poll.ts'
import { tick } from '../../bot/notices/run-slot.ts'
import { checkinRequest, checkoutRequest } from '../../bot/sip2/index.ts'
import { addDays, type JstDate, jstDate, jstInstant } from '../../core/dates.ts'
import { raw } from '../../db/client.ts'
import { lineLinks, noticePreferences, patrons } from '../../db/schema.ts'
import { flexText } from '../notices/harness.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { forgetCirculation, frontModeEnv } from './front.ts'
import { freeCopies, HANAKO, type Sip2Test, startSip2 } from './harness.ts'

let ils: Sip2Test
let proxy: FaultProxy
let front: Bunko
/** 山田 花子 in both databases (the same demo seed), and her LINE user. */
let hanako: { id: number; user: string }
/** A patron with nothing on loan at the ILS, opted in to due-soon reminders too. */
let quiet: { id: number; user: string }
/** A copy lent to 花子 at the ILS's kiosk only, and its due date there. */
let lent: { barcode: string; title: string; due: JstDate }

beforeAll(async () => {
  ils = await startSip2()
  proxy = await startFaultProxy(ils.server.port)
  front = await startBunko({
    env: frontModeEnv(proxy.port),
  })
  await forgetCirculation(front.db)
  const [free] = await freeCopies(ils.b, 1)
  const kiosk = await ils.kiosk()
  const out = await kiosk.request(checkoutRequest(ils.who(HANAKO.number), free!.barcode))
  expect(out.message.fixed.ok).toBe('1')
  const [due] = await ils.b.db.all<{ due: JstDate }>(sql`SELECT l.due_date AS due FROM loans l
    JOIN copies c ON c.id = l.copy_id WHERE c.barcode = ${free!.barcode} AND l.returned_at IS NULL`)
  lent = { ...free!, due: due!.due }

  const [h] = await front.db.orm.select().from(patrons).where(eq(patrons.number, HANAKO.number))
  const [q] = await ils.b.db.all<{ number: string }>(sql`SELECT p.number FROM patrons p
    WHERE p.status = 'active' AND p.id <> ${h!.id} AND NOT EXISTS (SELECT 1 FROM loans l
      WHERE l.patron_id = p.id AND l.returned_at IS NULL)
    ORDER BY p.id LIMIT 1`)
  const [qf] = await front.db.orm.select().from(patrons).where(eq(patrons.number, q!.number))
  hanako = { id: h!.id, user: front.users[0]!.userId }
  quiet = { id: qf!.id, user: front.users[2]!.userId }
  for (const p of [hanako, quiet]) await link(p)
})

afterAll(async () => {
  await front?.close()
  await proxy?.close()
  await ils?.close()
})

/** The patron adds the account as a friend and is linked (as the account-link flow leaves it). */
async function link(p: { id: number; user: string }) {
  await front.sim.users.follow(p.user)
  await front.settled()
  await front.db.orm
    .insert(lineLinks)
    .values({ lineUserId: p.user, patronId: p.id, linkedAt: front.clock.now(), followed: true })
}

async function prefer(patronId: number, dueSoonDays: 1 | 2 | 3 | null) {
  await front.db.orm
    .insert(noticePreferences)
    .values({ patronId, dueSoonDays, updatedAt: front.clock.now() })
    .onConflictDoUpdate({ target: noticePreferences.patronId, set: { dueSoonDays } })
}

/** The front's dependencies, as its scheduler has them. */
const frontDeps = () => ({
  db: front.db,
  library: front.library,
  line: front.line,
  clock: front.clock,
  config: front.config,
  log: front.log,
})

/** Both bunkos' clocks at `at`. */
function setBoth(at: number) {
  ils.b.setNow(at)
  front.setNow(at)
}

/** The front's scheduler tick at `at`, with the ILS's clock moved there too. */
function tickAt(at: number) {
  setBoth(at)
  return tick(frontDeps())
}

const pushes = (user: string) =>
  front.sim.record
    .botMessages(user)
    .filter((m) => m.via === 'push')
    .map((m) => m.message as Record<string, unknown>)

const withAlt = (user: string, alt: string) => pushes(user).filter((m) => m.altText === alt)

/** 花子's loans at the ILS due on `day` (the demo library may have more than the one lent). */
async function dueAtIls(day: JstDate) {
  return ils.b.db.all<{ title: string }>(sql`SELECT t.title FROM loans l
    JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id
    WHERE l.patron_id = ${hanako.id} AND l.returned_at IS NULL AND l.due_date = ${day}`)
}

describe('front mode: the reminders patrons ask for, over SIP2', () => {
  it('NOTICE-DUE-SOON: a patron who opted in is reminded once that day, listing what is due at the ILS; bunko has no loan of it', async () => {
    await prefer(hanako.id, 2)
    await prefer(quiet.id, 1)
    const day = addDays(lent.due, -2)
    const due = await dueAtIls(lent.due)
    const alt = dueSoonAltText(lent.due, due.length)

    const report = await tickAt(jstInstant(day, '10:00'))
    expect(report?.errors).toEqual([])
    const sent = withAlt(hanako.user, alt)
    expect(sent).toHaveLength(1)
    for (const { title } of due) expect(flexText(sent[0]!)).toContain(title)
    expect(flexText(sent[0]!)).toContain(lent.title)
    // The front's own tables never had the loan: the push was built from what the poll found.
    const [{ n }] = (await front.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM loans`)) as [
      { n: number },
    ]
    expect(n).toBe(0)

    // The afternoon slot asks again and sends nothing twice (one reminder per patron per day).
    expect((await tickAt(jstInstant(day, '16:00')))?.errors).toEqual([])
    expect(withAlt(hanako.user, alt)).toHaveLength(1)
    // The patron with nothing out is never reminded.
    expect(pushes(quiet.user).filter((m) => String(m.altText).includes('返却期限の資料'))).toEqual(
      [],
    )
  })

  it('NOTICE-DUE-SOON: a patron with nothing charged costs one 63 and no 17 (the fixed-field count)', async () => {
    const now = front.clock.now()
    const before = { p: proxy.count('63'), i: proxy.count('17') }
    const want = { holdReady: false, overdue: false, dueSoon: true }
    const got = await front.library.notices.pollPatron!(quiet.id, want, now)
    expect(got).toMatchObject({ ok: true, value: { charged: [] } })
    expect(proxy.count('63') - before.p).toBe(1)
    expect(proxy.count('17') - before.i).toBe(0)
    // 花子 has items out: her charged list comes with their due dates (one 17 each, cached).
    const hers = await front.library.notices.pollPatron!(hanako.id, want, now)
    if (!hers.ok) throw new Error(hers.reason)
    expect(hers.value.charged?.map((l) => l.barcode)).toContain(lent.barcode)
    expect(hers.value.charged?.find((l) => l.barcode === lent.barcode)?.dueDate).toBe(lent.due)
  })

  it('NOTICE-DUE-SOON: while the ILS is down the slot fails and runs again; the reminder goes once', async () => {
    await prefer(hanako.id, 1)
    const day = addDays(lent.due, -1)
    const alt = dueSoonAltText(lent.due, (await dueAtIls(lent.due)).length)
    proxy.down()
    try {
      const failed = await tickAt(jstInstant(day, '10:00'))
      expect(failed?.errors).toContain('poll')
      expect(withAlt(hanako.user, alt)).toHaveLength(1) // yesterday's only
    } finally {
      proxy.up()
    }
    // The next tick runs the same slot again (its mark was not advanced) and finds it.
    const again = await tickAt(jstInstant(day, '10:01'))
    expect(again?.slotAt).toBe(jstInstant(day, '10:00'))
    expect(again?.errors).toEqual([])
    expect(withAlt(hanako.user, alt)).toHaveLength(2)
    expect(await tickAt(jstInstant(day, '10:02'))).toBeNull()
    await tickAt(jstInstant(day, '16:00'))
    expect(withAlt(hanako.user, alt)).toHaveLength(2)
  })

  it('NOTICE-EXPIRY: the expiry date the ILS sends (PA) is announced once, 30 days ahead; bunko’s own patron row is not consulted', async () => {
    expect(front.library.capabilities()).toMatchObject({ reminders: true, expiryNotices: true })
    const today = jstDate(front.clock.now())
    const expires = addDays(today, 20)
    await ils.b.db.batch([
      raw(sql`UPDATE patrons SET expires_on = ${expires} WHERE id = ${hanako.id} RETURNING id`),
    ])
    const [mine] = await front.db.orm.select().from(patrons).where(eq(patrons.id, hanako.id))
    expect(mine!.expiresOn).not.toBe(expires)
    const alt = expiryAltText(expires)
    const next = addDays(today, 1)
    expect((await tickAt(jstInstant(next, '10:00')))?.errors).toEqual([])
    expect(withAlt(hanako.user, alt)).toHaveLength(1)
    await tickAt(jstInstant(next, '16:00'))
    await tickAt(jstInstant(addDays(next, 1), '10:00'))
    expect(withAlt(hanako.user, alt)).toHaveLength(1)
    // Turned off: a new expiry date is not announced.
    await front.db.orm
      .update(noticePreferences)
      .set({ expiry: false })
      .where(eq(noticePreferences.patronId, hanako.id))
    const later = addDays(expires, 10)
    await ils.b.db.batch([
      raw(sql`UPDATE patrons SET expires_on = ${later} WHERE id = ${hanako.id} RETURNING id`),
    ])
    await tickAt(jstInstant(addDays(next, 2), '10:00'))
    expect(withAlt(hanako.user, expiryAltText(later))).toHaveLength(0)
  })

  it('NOTICE-DUE-SOON: an item returned at the ILS after the poll and before the push is not listed', async () => {
    const kiosk = await ils.kiosk()
    const free = await freeCopies(ils.b, 20)
    const [kept, back] = free.filter((c, i) => free.findIndex((o) => o.title === c.title) === i)
    for (const c of [kept!, back!]) {
      const out = await kiosk.request(checkoutRequest(ils.who(HANAKO.number), c.barcode))
      expect(out.message.fixed.ok).toBe('1')
    }
    const [{ due }] = (await ils.b.db.all<{ due: JstDate }>(sql`SELECT l.due_date AS due
      FROM loans l JOIN copies c ON c.id = l.copy_id
      WHERE c.barcode = ${kept!.barcode} AND l.returned_at IS NULL`)) as [{ due: JstDate }]
    await prefer(hanako.id, 3)
    const slot = jstInstant(addDays(due, -3), '10:00')
    setBoth(slot)
    // The poll queues the reminder with both items; the push waits (as for LINE's quota).
    expect((await pollNotices(frontDeps(), slot)).queued).toBeGreaterThan(0)
    const back1 = await kiosk.request(checkinRequest(ils.who(HANAKO.number), back!.barcode))
    expect(back1.message.fixed.ok).toBe('1')

    expect((await tickAt(slot))?.errors).toEqual([])
    const stillDue = await dueAtIls(due)
    expect(stillDue.map((l) => l.title)).toContain(kept!.title)
    const sent = withAlt(hanako.user, dueSoonAltText(due, stillDue.length))
    expect(sent).toHaveLength(1)
    expect(flexText(sent[0]!)).toContain(kept!.title)
    expect(flexText(sent[0]!)).not.toContain(back!.title)
  })
})
