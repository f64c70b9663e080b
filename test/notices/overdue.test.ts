/** NOTICE-OVERDUE: the first reminder after the due date, then weekly while the item is out. */
import { afterEach, describe, expect, it } from 'vitest'
import { queueOverdue, runSlot, tick } from '../../bot/notices/index.ts'
import { addDays, jstDate, unavailable } from '../../core/index.ts'
import { checkIn, checkOut } from '../../db/circulation.ts'
import { altTexts, flexText, type Harness, harness, jst, PATRON, PLACE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** Run every slot (10:00, 16:00, 19:00) from `from` to `to` inclusive; returns push instants. */
async function runDays(from: string, to: string, patronId: number): Promise<string[]> {
  const seen: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1))
    for (const time of ['10:00', '16:00', '19:00']) {
      h.clock.set(jst(d, time))
      const before = h.pushesTo(patronId).length
      await runSlot(h.deps, h.clock.now(), { ...h.opts, checkQuota: false })
      if (h.pushesTo(patronId).length > before) seen.push(`${d} ${time}`)
    }
  return seen
}

const lend = (patronId: number, barcode: string) =>
  checkOut(h.db, { patronId, barcode, placeId: PLACE.central }, h.clock.now(), h.deps.config.policy)

describe('NOTICE-OVERDUE', () => {
  it('NOTICE-OVERDUE: first at the slot after the due date has passed, then every 7 days while out', async () => {
    h = await harness()
    await h.link(PATRON.bob)
    const loan = await lend(PATRON.bob, 'B11')
    expect(loan).toMatchObject({ ok: true, value: { dueDate: '2026-06-24' } })
    const pushes = await runDays('2026-06-23', '2026-07-17', PATRON.bob)
    expect(pushes).toEqual([
      '2026-06-25 10:00',
      '2026-07-02 10:00',
      '2026-07-09 10:00',
      '2026-07-16 10:00',
    ])
    const [first] = h.pushesTo(PATRON.bob)
    expect(altTexts([first!])[0]).toContain('返却期限を過ぎた資料があります（1点）')
    expect(flexText(first!)).toContain('2026年6月24日')
    // Returned: no more reminders.
    await checkIn(
      h.db,
      { barcode: 'B11', placeId: PLACE.central },
      jst('2026-07-17', '20:00'),
      h.deps.config.policy,
    )
    expect(await runDays('2026-07-18', '2026-07-31', PATRON.bob)).toEqual([])
  })

  it('NOTICE-OVERDUE: after downtime only the latest reminder due goes out, and the weekly grid holds', async () => {
    h = await harness()
    await h.link(PATRON.bob)
    await lend(PATRON.bob, 'B11')
    h.clock.set(jst('2026-06-25', '10:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    // Down from 25 June to 10 July 16:00: the reminders of 2 and 9 July were missed.
    h.clock.set(jst('2026-07-10', '16:00'))
    const report = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(report.overdueQueued).toBe(1)
    expect(h.pushesTo(PATRON.bob)).toHaveLength(2)
    expect(await runDays('2026-07-11', '2026-07-16', PATRON.bob)).toEqual(['2026-07-16 10:00'])
  })

  it('NOTICE-OVERDUE: queueing is idempotent (one key per loan and reminder number) and only for patrons who can be pushed', async () => {
    h = await harness()
    await h.link(PATRON.bob)
    await h.link(PATRON.dave, { followed: false })
    await lend(PATRON.bob, 'B11')
    await lend(PATRON.dave, 'B21')
    await lend(PATRON.alice, 'B31')
    const at = jst('2026-06-25', '10:00')
    h.clock.set(at)
    expect(await queueOverdue(h.deps, at)).toBe(1)
    expect(await queueOverdue(h.deps, at)).toBe(0)
    expect(await queueOverdue(h.deps, jst('2026-06-25', '16:00'))).toBe(0)
    const rows = await h.noticeRows()
    expect(rows.map((r) => [r.key, r.patronId, r.dueAt])).toEqual([
      [expect.stringMatching(/^overdue:\d+:0$/), PATRON.bob, at],
    ])
    expect(jstDate(rows[0]!.dueAt)).toBe('2026-06-25')
  })
})

describe('overdue reminders when the library system cannot be reached', () => {
  it('the slot fails its overdue step, runs again at the next tick, and the reminder goes out once', async () => {
    h = await harness()
    await h.link(PATRON.bob)
    await lend(PATRON.bob, 'B11')
    const feed = h.deps.library.notices
    let down = true
    h.deps.library = {
      ...h.deps.library,
      notices: {
        ...feed,
        queueOverdue: async (at, now) => (down ? unavailable() : feed.queueOverdue(at, now)),
      },
    }
    h.clock.set(jst('2026-06-25', '10:00'))
    const failed = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(failed?.errors).toEqual(['overdue'])
    expect(h.pushesTo(PATRON.bob)).toHaveLength(0)
    expect(h.deps.log.lines.join('\n')).toContain('LibrarySystemUnavailable')
    down = false
    h.clock.set(jst('2026-06-25', '10:05'))
    const caughtUp = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(caughtUp?.errors).toEqual([])
    expect(caughtUp?.overdueQueued).toBe(1)
    expect(h.pushesTo(PATRON.bob)).toHaveLength(1)
    h.clock.set(jst('2026-06-25', '10:10'))
    expect(await tick(h.deps, { ...h.opts, checkQuota: false })).toBeNull()
    expect(h.pushesTo(PATRON.bob)).toHaveLength(1)
  })
})
