/**
 * NOTICE-SLOTS and the schedulers: slot instants whatever the host's zone, the Node scheduler
 * catching up once after downtime and following a demo clock, and the Workers cron handler.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DemoClock } from '../../bot/clock.ts'
import { stepMs } from '../../bot/counter/demo-clock.ts'
import {
  lastSlotRun,
  latestSlot,
  nextSlot,
  noticeCrons,
  type Scheduler,
  scheduledHandler,
  slotCrons,
  startScheduler,
  tick,
} from '../../bot/notices/index.ts'
import { HIRAKATA_POLICY as policy } from '../../core/index.ts'
import { checkOut } from '../../db/circulation.ts'
import { type Harness, harness, jst, PATRON, PLACE, TITLE } from './harness.ts'

let h: Harness | undefined
let scheduler: Scheduler | undefined
afterEach(async () => {
  await scheduler?.stop()
  scheduler = undefined
  await h?.close()
  h = undefined
})

const hostZone = process.env.TZ
afterAll(() => {
  if (hostZone === undefined) delete process.env.TZ
  else process.env.TZ = hostZone
})

const dispatchedRuns = () => h!.deps.log.lines.filter((l) => l.includes('"notices.dispatched"'))

describe('NOTICE-SLOTS', () => {
  for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    it(`NOTICE-SLOTS: slots are Japan times under TZ=${zone}`, async () => {
      process.env.TZ = zone
      expect(new Date(Date.UTC(2026, 5, 10)).getTimezoneOffset()).not.toBe(-540)
      expect(nextSlot(jst('2026-06-10', '09:59'), policy)).toBe(Date.UTC(2026, 5, 10, 1, 0))
      expect(nextSlot(jst('2026-06-10', '16:01'), policy)).toBe(Date.UTC(2026, 5, 10, 10, 0))
      expect(nextSlot(jst('2026-06-10', '19:01'), policy)).toBe(Date.UTC(2026, 5, 11, 1, 0))
      expect(latestSlot(jst('2026-06-10', '09:59'), policy)).toBe(Date.UTC(2026, 5, 9, 10, 0))
      expect(latestSlot(jst('2026-06-10', '16:00'), policy)).toBe(Date.UTC(2026, 5, 10, 7, 0))
      expect(slotCrons(policy).map((c) => c.cron)).toEqual(['0 1 * * *', '0 7 * * *', '0 10 * * *'])

      // A notice queued at 11:00 waits for 16:00: the tick at 15:59 runs no slot, 16:00 does.
      h = await harness({ start: jst('2026-06-10', '11:00') })
      await h.link(PATRON.alice)
      await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
      h.clock.set(jst('2026-06-10', '15:59'))
      expect((await tick(h.deps, h.opts))?.slotAt).toBe(jst('2026-06-10', '10:00'))
      expect(h.pushesTo(PATRON.alice)).toHaveLength(0)
      h.clock.set(jst('2026-06-10', '16:00'))
      expect((await tick(h.deps, h.opts))?.slotAt).toBe(jst('2026-06-10', '16:00'))
      expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
      expect(await tick(h.deps, h.opts)).toBeNull()
    })
  }
})

describe('the Node scheduler', () => {
  it('catches up once after downtime: one run for the latest missed slot, nothing sent twice', async () => {
    h = await harness({ start: jst('2026-06-07', '09:00') })
    await h.link(PATRON.alice)
    await h.link(PATRON.dave)
    // A slot ran on 7 June at 10:00, then the process was down until 10 June 12:00.
    h.clock.set(jst('2026-06-07', '10:00') + 1)
    await tick(h.deps, h.opts)
    expect(await lastSlotRun(h.db)).toBe(jst('2026-06-07', '10:00'))
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    h.clock.set(jst('2026-06-09', '17:00'))
    await h.readyHolds(PATRON.dave, [TITLE.book(2)], PLACE.central, ['B21'])
    h.clock.set(jst('2026-06-10', '12:00'))
    const before = dispatchedRuns().length

    scheduler = startScheduler(h.deps, { ...h.opts, tickMs: 5 })
    await new Promise((r) => setTimeout(r, 150))
    await scheduler.idle()
    expect(dispatchedRuns().length - before).toBe(1)
    expect(await lastSlotRun(h.db)).toBe(jst('2026-06-10', '10:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(h.pushesTo(PATRON.dave)).toHaveLength(1)
  })

  it('follows a demo clock moved to the next slot: the push appears once', async () => {
    h = await harness({ start: jst('2026-06-10', '12:00') })
    const base = jst('2026-06-10', '12:00')
    const demo = new DemoClock(() => base)
    const deps = { ...h.deps, clock: demo }
    await h.link(PATRON.alice)
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    scheduler = startScheduler(deps, { ...h.opts, tickMs: 5 })
    await new Promise((r) => setTimeout(r, 50))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(0)

    demo.advance(stepMs('slot', demo.now(), policy))
    h.clock.set(demo.now())
    await h.sim.waitForChat(
      `U${PATRON.alice.toString(16).padStart(32, '0')}`,
      (e) => e.via === 'push',
      { timeoutMs: 3000 },
    )
    await new Promise((r) => setTimeout(r, 50))
    await scheduler.idle()
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(await lastSlotRun(h.db)).toBe(jst('2026-06-10', '16:00'))
  })
})

describe('the Workers cron handler', () => {
  it('lists the slot crons in UTC and runs each slot once however often it fires', async () => {
    expect(noticeCrons(policy)).toEqual([
      { cron: '0 1 * * *', jst: '10:00' },
      { cron: '0 7 * * *', jst: '16:00' },
      { cron: '0 10 * * *', jst: '19:00' },
      { cron: '*/10 * * * *', jst: 'every 10 minutes (catch-up)' },
    ])
    h = await harness({ start: jst('2026-06-10', '11:00') })
    await h.link(PATRON.alice)
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    h.clock.set(jst('2026-06-10', '16:00'))
    const first = await scheduledHandler(h.deps, h.clock.now(), h.opts)
    expect(first?.dispatch).toMatchObject({ sent: 1 })
    h.clock.advance(10 * 60_000)
    expect(await scheduledHandler(h.deps, h.clock.now(), h.opts)).toBeNull()
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('the catch-up finishes what a run limited by `limit` left, without waiting for the next slot', async () => {
    h = await harness({ start: jst('2026-06-10', '11:00') })
    for (const p of [PATRON.alice, PATRON.dave]) await h.link(p)
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    await h.readyHolds(PATRON.dave, [TITLE.book(2)], PLACE.central, ['B21'])
    h.clock.set(jst('2026-06-10', '16:00'))
    await scheduledHandler(h.deps, h.clock.now(), { ...h.opts, limit: 1 })
    expect(h.pushCalls()).toHaveLength(1)
    h.clock.advance(10 * 60_000)
    await scheduledHandler(h.deps, h.clock.now(), { ...h.opts, limit: 1 })
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(h.pushesTo(PATRON.dave)).toHaveLength(1)
  })

  it('NOTICE-ONCE: the slot cron and the catch-up cron firing in the same minute (10:00, 16:00, 19:00) send every notice exactly once', async () => {
    for (const [time, place] of [
      ['10:00', PLACE.central],
      ['16:00', PLACE.central],
      ['19:00', PLACE.locker],
    ] as const) {
      h = await harness({ start: jst('2026-06-09', '11:00') })
      const patrons = [PATRON.alice, PATRON.bob, PATRON.carol, PATRON.dave, PATRON.erin]
      for (const p of patrons) await h.link(p)
      for (const [i, p] of patrons.entries())
        await h.readyHolds(p, [TITLE.book(i + 1)], place, [`B${(i + 1) * 10 + 1}`])
      // Overdue reminders are queued by the same tick: they must not double either.
      await checkOut(
        h.db,
        { patronId: PATRON.alice, barcode: 'B62', placeId: PLACE.central },
        jst('2026-05-01', '12:00'),
        policy,
      )
      h.clock.set(jst('2026-06-10', time))
      const at = h.clock.now()
      // Both crons of the minute at once, each bounded as on Workers; then later catch-ups.
      await Promise.all([
        scheduledHandler(h.deps, at, { ...h.opts, limit: 2 }),
        scheduledHandler(h.deps, at, { ...h.opts, limit: 2 }),
      ])
      for (let i = 0; i < 4; i++) {
        h.clock.advance(10 * 60_000)
        await scheduledHandler(h.deps, h.clock.now(), { ...h.opts, limit: 2 })
      }
      // One push each; alice's carries her hold and her overdue reminder.
      const accepted = h.pushCalls().filter((c) => c.status === 200)
      expect(accepted, time).toHaveLength(patrons.length)
      expect(new Set(accepted.map((c) => c.to)).size, time).toBe(patrons.length)
      for (const p of patrons)
        expect(h.pushesTo(p), `${time} patron ${p}`).toHaveLength(p === PATRON.alice ? 2 : 1)
      const rows = await h.noticeRows()
      expect(new Set(rows.map((r) => r.state)), time).toEqual(new Set(['sent']))
      expect(
        rows.filter((r) => r.kind === 'overdue'),
        time,
      ).toHaveLength(1)
      await h.close()
      h = undefined
    }
  })
})
