/**
 * Reading records are private in front mode too: the announcements that stop a polled notice
 * being sent twice (db/retention-announcements.ts) are erased at the slots once they can no
 * longer do that, and never while they still can, nor when the ILS leaves a patron out of one
 * answer. The "ILS" is an embedded bunko (the demo
 * library) with its SIP2 server on a loopback port, which gives no ready date for a hold; the
 * front bunko runs as `npm start` would (LIBRARY_SYSTEM=sip2), ticking slot after slot.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { tick } from '../../bot/notices/run-slot.ts'
import { checkinRequest, checkoutRequest } from '../../bot/sip2/index.ts'
import { addDays, type JstDate, jstDate, jstInstant } from '../../core/dates.ts'
import { checkIn } from '../../db/circulation.ts'
import { placeHolds } from '../../db/holds.ts'
import { lineLinks, patrons } from '../../db/schema.ts'
import { flexText } from '../notices/harness.ts'
import { type Bunko, startBunko } from '../support/bunko.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'
import { forgetCirculation, frontModeEnv, patronId } from './front.ts'
import { freeCopies, HANAKO, type Sip2Test, startSip2 } from './harness.ts'

let ils: Sip2Test
let proxy: FaultProxy
let front: Bunko
let hanako: { id: number; user: string }

beforeAll(async () => {
  ils = await startSip2()
  proxy = await startFaultProxy(ils.server.port)
  front = await startBunko({ env: frontModeEnv(proxy.port) })
  await forgetCirculation(front.db)
  const [h] = await front.db.orm.select().from(patrons).where(eq(patrons.number, HANAKO.number))
  hanako = { id: h!.id, user: front.users[0]!.userId }
  await front.sim.users.follow(hanako.user)
  await front.settled()
  await front.db.orm.insert(lineLinks).values({
    lineUserId: hanako.user,
    patronId: hanako.id,
    linkedAt: front.clock.now(),
    followed: true,
  })
})

afterAll(async () => {
  await front?.close()
  await proxy?.close()
  await ils?.close()
})

/** The front's scheduler tick at `at`, with the ILS's clock moved there too. */
function tickAt(at: number) {
  ils.b.setNow(at)
  front.setNow(at)
  return tick({
    db: front.db,
    library: front.library,
    line: front.line,
    clock: front.clock,
    config: front.config,
    log: front.log,
  })
}

/** Both slots of every day from `from` through `to`; each must run without an error. */
async function slotsThrough(from: JstDate, to: JstDate) {
  for (let d = from; d <= to; d = addDays(d, 1))
    for (const time of ['10:00', '16:00']) {
      const report = await tickAt(jstInstant(d, time))
      expect(report?.errors).toEqual([])
    }
}

/** 花子's hold-ready pushes naming `title`. */
const readyPushes = (title: string) =>
  front.sim.record
    .botMessages(hanako.user)
    .filter((m) => m.via === 'push')
    .map((m) => m.message as Record<string, unknown>)
    .filter((m) => String(m.altText).includes('予約') && flexText(m).includes(title))

/** The front's announcements of `title`, with whether a poll found the hold ended. */
const announcements = (title: string) =>
  front.db.all<{ key: string; ended: number }>(sql`SELECT key, ended_at IS NOT NULL AS ended
    FROM notice_announcements WHERE title = ${title} ORDER BY key`)

/** At the ILS: 花子 reserves the copy's title and the copy is set aside for her at 中央. */
async function setAside(barcode: string, titleId: number, at: number) {
  const central = (
    await ils.b.db.all<{ id: number }>(sql`SELECT id FROM places
    WHERE name = '中央図書館'`)
  )[0]!.id
  const policy = ils.b.config.policy
  const patronId = await ilsHanako()
  const placed = await placeHolds(
    ils.b.db,
    { patronId, titleIds: [titleId], pickupPlaceId: central },
    at,
    policy,
  )
  expect(placed.ok).toBe(true)
  const back = await checkIn(ils.b.db, { barcode, placeId: central }, at, policy)
  expect(back).toMatchObject({ ok: true, value: { hold: { state: 'ready' } } })
}
const ilsHanako = () => patronId(ils, HANAKO.number)

/** A free copy set aside for 花子 at the ILS tomorrow morning, and that day's slots run: told once. */
async function toldReadyTomorrow(): Promise<{ title: string; day: JstDate }> {
  const [free] = await freeCopies(ils.b, 1)
  const { barcode, title } = free!
  const [{ titleId }] = (await ils.b.db.all<{ titleId: number }>(sql`SELECT title_id AS titleId
    FROM copies WHERE barcode = ${barcode}`)) as [{ titleId: number }]
  const day = addDays(jstDate(front.clock.now()), 1)
  await setAside(barcode, titleId, jstInstant(day, '09:00'))
  await slotsThrough(day, day)
  expect(readyPushes(title)).toHaveLength(1)
  return { title, day }
}

it('a hold ready for a week is told once and its announcement kept; collected and erased, its next readiness is told once', async () => {
  const [free] = await freeCopies(ils.b, 1)
  const { barcode, title } = free!
  const [{ titleId }] = (await ils.b.db.all<{ titleId: number }>(sql`SELECT title_id AS titleId
    FROM copies WHERE barcode = ${barcode}`)) as [{ titleId: number }]
  const day0 = addDays(jstDate(front.clock.now()), 1)
  await setAside(barcode, titleId, jstInstant(day0, '09:00'))

  // On the ILS's hold shelf for a week, with Hirakata's 3 days erasing at every slot.
  await slotsThrough(day0, addDays(day0, 7))
  expect(readyPushes(title)).toHaveLength(1)
  // SIP2 gives no ready date: the readiness is the hold's episode 0.
  expect(await announcements(title)).toEqual([{ key: expect.stringMatching(/:n0$/), ended: 0 }])

  // Collected at the ILS's kiosk: the next slot finds it ended; days later it is erased.
  const kiosk = await ils.kiosk()
  const out = await kiosk.request(checkoutRequest(ils.who(HANAKO.number), barcode))
  expect(out.message.fixed.ok).toBe('1')
  await slotsThrough(addDays(day0, 8), addDays(day0, 8))
  expect(await announcements(title)).toEqual([{ key: expect.any(String), ended: 1 }])
  const erasedAt = addDays(day0, 13)
  await slotsThrough(addDays(day0, 9), erasedAt)
  expect(await announcements(title)).toEqual([])
  expect(readyPushes(title)).toHaveLength(1)

  // Returned, reserved again and set aside again: a new readiness, told once, not twice.
  const back = await kiosk.request(checkinRequest(ils.who(HANAKO.number), barcode))
  expect(back.message.fixed.ok).toBe('1')
  const again = addDays(erasedAt, 1)
  await setAside(barcode, titleId, jstInstant(again, '09:00'))
  await slotsThrough(again, addDays(again, 5))
  expect(readyPushes(title)).toHaveLength(2)
  // Nothing of the first readiness was left to number the second by: episode 0 again.
  expect(await announcements(title)).toEqual([{ key: expect.stringMatching(/:n0$/), ended: 0 }])
})

it('a ready hold the ILS leaves out of its answers at two slots in a row (BL N for a while) is told once, and its announcement stays open', async () => {
  const { title, day } = await toldReadyTomorrow()
  // The next two slots' 63s for her come back "no such patron" (two misses would end the
  // readiness); the slots after list her again.
  const before = proxy.count('63')
  proxy.fail('63', 'unknown-patron', 2)
  await slotsThrough(addDays(day, 1), addDays(day, 1))
  expect(proxy.count('63') - before).toBe(2)
  expect(await announcements(title)).toEqual([{ key: expect.stringMatching(/:n0$/), ended: 0 }])
  await slotsThrough(addDays(day, 2), addDays(day, 3))
  expect(readyPushes(title)).toHaveLength(1)
  expect(await announcements(title)).toEqual([{ key: expect.stringMatching(/:n0$/), ended: 0 }])
})

it('a ready hold the ILS leaves out of one list (no items in one 63) is told once, and its announcement stays open', async () => {
  const { title, day } = await toldReadyTomorrow()
  proxy.fail('63', 'no-items')
  await slotsThrough(addDays(day, 1), addDays(day, 2))
  expect(readyPushes(title)).toHaveLength(1)
  expect(await announcements(title)).toEqual([{ key: expect.stringMatching(/:n0$/), ended: 0 }])
})

it('an overdue loan at the ILS is reminded every 7 days, once each, while the reminders already past are erased', async () => {
  const day = addDays(jstDate(front.clock.now()), 1)
  ils.b.setNow(jstInstant(day, '09:00'))
  front.setNow(jstInstant(day, '09:00'))
  const [free] = await freeCopies(ils.b, 1)
  const kiosk = await ils.kiosk()
  const out = await kiosk.request(checkoutRequest(ils.who(HANAKO.number), free!.barcode))
  expect(out.message.fixed.ok).toBe('1')
  const [{ due }] = (await ils.b.db.all<{ due: JstDate }>(sql`SELECT l.due_date AS due
    FROM loans l JOIN copies c ON c.id = l.copy_id
    WHERE c.barcode = ${free!.barcode} AND l.returned_at IS NULL`)) as [{ due: JstDate }]

  await slotsThrough(day, addDays(due, 30))
  const reminders = front.sim.record
    .botMessages(hanako.user)
    .filter((m) => m.via === 'push')
    .map((m) => m.message as Record<string, unknown>)
    .filter(
      (m) => String(m.altText).includes('返却期限を過ぎた') && flexText(m).includes(free!.title),
    )
  // The day after the due date, then every 7 days: 1, 8, 15, 22 and 29 days after it.
  expect(reminders).toHaveLength(5)
  // Reminders 0–2 can no longer be worked out again and are gone; 3 and 4 still could be.
  const kept = (await announcements(free!.title)).map((a) => a.key.split(':').at(-1))
  expect(kept).toEqual(['3', '4'])
})
