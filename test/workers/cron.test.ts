/**
 * Cron on Workers, demo mode: a hold made ready at the counter is announced at the next
 * slot of its own list by `scheduled()` (NOTICE-SLOTS), and running the cron again sends nothing more: one
 * push per notice, counted in the simulator's record (NOTICE-ONCE).
 */
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { restoreDemoClock, saveDemoOffset } from '../../bot/counter/demo-clock.ts'
import { DEMO_USERS } from '../../bot/simulator/index.ts'
import { bunkoFor } from '../../bot/worker/build.ts'
import { WORKER_DEMO } from '../../bot/worker/demo.ts'
import { addDays, jstDate, jstInstant } from '../../core/index.ts'
import { checkIn } from '../../db/circulation.ts'
import { receiveCopy } from '../../db/transit.ts'
import { cron, lineUser, linkThroughWorker, send, workerEnv } from './worker-harness.ts'

const wenv = workerEnv('W_CRON')
const user = DEMO_USERS[2]!
/** 吉田 陽子 waits first for the copy the demo's counter note names (DEMO-PATRONS.md). */
const YOKO = { number: '1000000011', password: 'other-0011', copy: '2000000010' }

describe('cron on Workers', () => {
  it('NOTICE-ONCE: scheduled() at the slot pushes a ready hold once; a second run sends nothing', async () => {
    await send(wenv, '/healthz')
    await lineUser(wenv, user.userId).follow()
    const { dialog } = await linkThroughWorker(wenv, user.userId, YOKO.number, YOKO.password)
    expect(dialog?.status).toBe(200)

    const b = bunkoFor(wenv, WORKER_DEMO)
    const { db, clock } = b.deps
    // The counter hands the copy over at 17:30 tomorrow, between the 16:00 slot and the
    // locker list's 19:00, whatever time the test runs: the case a wall-clock run once missed.
    const start = clock.now()
    const afternoon = jstInstant(addDays(jstDate(start), 1), '17:30')
    await saveDemoOffset(db, afternoon - Date.now(), start)
    await restoreDemoClock(db, b.demoClock!)
    const [central] = await db.all<{ id: number }>(
      sql`SELECT id FROM places WHERE kind = 'library' ORDER BY id LIMIT 1`,
    )
    const now = clock.now()
    const returned = await checkIn(
      db,
      { barcode: YOKO.copy, placeId: central!.id },
      now,
      b.config.policy,
    )
    if (!returned.ok) throw new Error(returned.reason)
    // HOLD-TRANSIT: her pickup is 楠葉, so the copy travels; it is ready once received there.
    expect(returned.value.transitToId).not.toBeNull()
    const received = await receiveCopy(
      db,
      { barcode: YOKO.copy, placeId: returned.value.transitToId! },
      now,
      b.config.policy,
    )
    expect(received).toMatchObject({
      ok: true,
      value: { received: true, hold: { state: 'ready' } },
    })
    const notice = () =>
      db.all<{ state: string }>(sql`SELECT n.state FROM notices n
        JOIN patrons p ON p.id = n.patron_id
        WHERE p.number = ${YOKO.number} AND n.kind = 'hold_ready'`)
    expect(await notice()).toEqual([{ state: 'pending' }])
    // NOTICE-SLOTS: a counter pickup waits for the next slot of the standard list (not the
    // locker list's 19:00), whatever time of day the test runs.
    const [due] = await db.all<{ dueAt: number }>(sql`SELECT n.due_at AS dueAt FROM notices n
      JOIN patrons p ON p.id = n.patron_id
      WHERE p.number = ${YOKO.number} AND n.kind = 'hold_ready'`)
    expect(due!.dueAt).toBe(jstInstant(addDays(jstDate(afternoon), 1), '10:00'))

    // The counter's demo clock moves to just after that slot.
    await saveDemoOffset(db, due!.dueAt + 60_000 - Date.now(), now)

    const pushesToUser = () =>
      b
        .sim!.record.calls({ method: 'POST', path: '/v2/bot/message/push' })
        .filter((c) => (c.body as { to?: string }).to === user.userId && c.status === 200)
    await cron(wenv)
    expect(pushesToUser()).toHaveLength(1)
    await cron(wenv)
    await cron(wenv, Date.now(), '*/10 * * * *')
    expect(pushesToUser()).toHaveLength(1)
    expect(await notice()).toEqual([{ state: 'sent' }])

    // NOTICE-PRIVACY: the preview on a locked screen does not name the title.
    const push = pushesToUser()[0]!.body as { messages: { altText?: string }[] }
    expect(push.messages[0]?.altText).toBeTruthy()
    const [title] = await db.all<{ title: string }>(sql`SELECT t.title FROM copies c
      JOIN titles t ON t.id = c.title_id WHERE c.barcode = ${YOKO.copy}`)
    expect(push.messages[0]?.altText).not.toContain(title!.title)
  })
})
