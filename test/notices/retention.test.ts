/**
 * Reading records are erased at each notice slot (bot/notices/run-slot.ts), on the app's clock,
 * with counts in the log and never a patron; a failure there is logged and does not make the
 * slot run again. The same run drops the security state that can no longer matter.
 */
import { afterEach, expect, it } from 'vitest'
import { DemoClock } from '../../bot/clock.ts'
import { lastSlotRun, tick } from '../../bot/notices/index.ts'
import { HIRAKATA_POLICY as policy } from '../../core/index.ts'
import { checkIn, checkOut } from '../../db/circulation.ts'
import { Raw } from '../../db/client.ts'
import { linkNonces, loginAttempts, staff, staffSessions, webhookEvents } from '../../db/schema.ts'
import { setHistoryOptIn } from '../../db/shelf.ts'
import { type Harness, harness, jst, PATRON, PLACE } from './harness.ts'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** 花子 borrowed B11 on 20 May and brought it back on 5 June; 一郎 has borrowed since. */
async function returnedLoan(t: Harness) {
  await setHistoryOptIn(t.db, { patronId: PATRON.alice, optIn: true })
  const at = { placeId: PLACE.central }
  await checkOut(t.db, { ...at, patronId: PATRON.alice, barcode: 'B11' }, jst('2026-05-20'), policy)
  await checkIn(t.db, { ...at, barcode: 'B11' }, jst('2026-06-05', '17:00'), policy)
  await checkOut(t.db, { ...at, patronId: PATRON.bob, barcode: 'B21' }, jst('2026-06-09'), policy)
}

it('the slot erases what is past readingRecordDays and logs the counts, never a patron', async () => {
  h = await harness({ start: jst('2026-06-10', '10:00') })
  await returnedLoan(h)
  const report = await tick(h.deps, h.opts)
  expect(report?.erased).toEqual({
    history: 1,
    notices: 0,
    holds: 0,
    loans: 1,
    audit: 0,
    announcements: 0,
    requests: 0,
  })
  const logged = h.deps.log.lines.filter((l) => l.includes('"records.erased"'))
  expect(logged.map((l) => JSON.parse(l))).toEqual([
    {
      level: 'info',
      event: 'records.erased',
      history: 1,
      notices: 0,
      holds: 0,
      loans: 1,
      audit: 0,
      announcements: 0,
      requests: 0,
    },
  ])
})

it('a failure to erase is logged, and the slot is not run again for it', async () => {
  h = await harness({ start: jst('2026-06-10', '10:00') })
  await returnedLoan(h)
  const db = h.db
  const failing = {
    ...db,
    batch: ((statements) => {
      const text = statements.map((s) => (s instanceof Raw ? JSON.stringify(s.query) : ''))
      if (text.some((t) => t.includes('UPDATE reading_history SET loan_id = NULL')))
        return Promise.reject(new Error('D1 is busy'))
      return db.batch(statements)
    }) as typeof db.batch,
  }
  const report = await tick({ ...h.deps, db: failing }, h.opts)
  expect(report).toMatchObject({ errors: [], erased: null })
  expect(await lastSlotRun(db)).toBe(jst('2026-06-10', '10:00'))
  expect(h.deps.log.lines.filter((l) => l.includes('records.'))).toEqual([
    JSON.stringify({ level: 'error', event: 'records.erase_failed', error: 'Error' }),
  ])
})

it('the slot drops sign-in attempts, webhook ids and link nonces that can no longer matter, and keeps the rest', async () => {
  h = await harness({ start: jst('2026-06-10', '10:00') })
  const now = jst('2026-06-10', '10:00')
  const DAY = 86_400_000
  const o = h.db.orm
  await h.db.batch([
    o
      .insert(loginAttempts)
      .values([
        { key: 'old', at: now - 2 * DAY, ok: false },
        { key: 'recent', at: now - 60_000, ok: false },
      ])
      .returning({ id: loginAttempts.id }),
    o
      .insert(webhookEvents)
      .values([
        { eventId: 'old', receivedAt: now - 8 * DAY },
        { eventId: 'recent', receivedAt: now - 6 * DAY },
      ])
      .returning({ id: webhookEvents.eventId }),
    o
      .insert(linkNonces)
      .values([
        {
          nonceHash: 'old',
          patronId: PATRON.alice,
          createdAt: now - 9 * DAY,
          expiresAt: now - 8 * DAY,
        },
        { nonceHash: 'live', patronId: PATRON.alice, createdAt: now, expiresAt: now + 600_000 },
      ])
      .returning({ id: linkNonces.nonceHash }),
  ])
  await tick(h.deps, h.opts)
  expect((await o.select().from(loginAttempts)).map((r) => r.key)).toEqual(['recent'])
  expect((await o.select().from(webhookEvents)).map((r) => r.eventId)).toEqual(['recent'])
  expect((await o.select().from(linkNonces)).map((r) => r.nonceHash)).toEqual(['live'])
})

it('with a demo clock moved ahead, live sign-in attempts (written on real time) are kept', async () => {
  h = await harness({ start: jst('2026-06-10', '10:00') })
  const wall = jst('2026-06-10', '10:00')
  const demo = new DemoClock(() => wall)
  demo.advance(3 * 86_400_000)
  await h.db.orm.insert(loginAttempts).values({ key: 'staff:tanaka', at: wall - 60_000, ok: false })
  await tick({ ...h.deps, clock: demo }, h.opts)
  expect((await h.db.orm.select().from(loginAttempts)).map((r) => r.key)).toEqual(['staff:tanaka'])
})

it('the slot drops ended counter sessions and outcomes whose redirect was never followed (they may name a patron)', async () => {
  h = await harness({ start: jst('2026-06-10', '10:00') })
  const now = jst('2026-06-10', '10:00')
  const o = h.db.orm
  const [clerk] = await o
    .insert(staff)
    .values({ login: 'tanaka', name: '田中', passwordHash: 'x', createdAt: now - 86_400_000 })
    .returning({ id: staff.id })
  const session = (id: string, expiresAt: number, flash: string | null) => ({
    id,
    staffId: clerk!.id,
    csrfToken: 'c',
    createdAt: now - 3_600_000,
    expiresAt,
    flash,
  })
  const outcome = (at: number) => JSON.stringify({ id: 'x', at, path: '/counter', flash: {} })
  await o
    .insert(staffSessions)
    .values([
      session('ended', now - 60_000, null),
      session('left', now + 600_000, outcome(now - 10 * 60_000)),
      session('waiting', now + 600_000, outcome(now - 5_000)),
      session('garbled', now + 600_000, '{not json'),
    ])
  await tick(h.deps, h.opts)
  const rows = await o.select().from(staffSessions).orderBy(staffSessions.id)
  expect(rows.map((r) => [r.id, r.flash === null ? null : 'kept'])).toEqual([
    ['garbled', null],
    ['left', null],
    ['waiting', 'kept'],
  ])
})
