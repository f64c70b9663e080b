/**
 * Front mode's announcements and retention over days of whole slots (poll, push, erase): a
 * ready hold waiting on the shelf is pushed once, also when the system leaves it out of one
 * answer and readingRecordDays pass. The "library system" is the embedded adapter polled as an
 * ILS (front-mode.ts), which gives the ready date SIP2 does not (test/sip2/front-retention.test.ts
 * runs the undated case over a real SIP2 server).
 */
import { sql } from 'drizzle-orm'
import { afterEach, expect, it } from 'vitest'
import { runSlot } from '../../bot/notices/index.ts'
import { addDays, type JstDate } from '../../core/index.ts'
import { raw } from '../../db/client.ts'
import { frontMode } from './front-mode.ts'
import { flexText, type Harness, harness, jst, PATRON, PLACE, TITLE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** One whole slot at `at` (poll, push, erase), with no error. */
async function slot(at: number) {
  h.clock.set(at)
  const report = await runSlot(h.deps, at, { ...h.opts, checkQuota: false })
  expect(report.errors).toEqual([])
  return report
}

/** Both slots of every day from `from` through `to`. */
async function slotsThrough(from: JstDate, to: JstDate) {
  for (let d = from; d <= to; d = addDays(d, 1))
    for (const time of ['10:00', '16:00']) await slot(jst(d, time))
}

const announcements = () =>
  h.db.all<{ key: string; ended: number }>(sql`SELECT key, ended_at IS NOT NULL AS ended
    FROM notice_announcements ORDER BY key`)

it('NOTICE-ONCE: a dated ready hold one answer leaves out is pushed once, however long it then waits on the shelf past readingRecordDays', async () => {
  h = await harness({ start: jst('2026-06-01', '09:00') })
  const ils = frontMode(h)
  await h.link(PATRON.alice)
  // Set aside for her on 1 June in the "ILS", which then keeps it on the shelf.
  await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
  await h.db.batch([raw(sql`DELETE FROM notices RETURNING id`)])
  await slot(jst('2026-06-01', '10:00'))
  expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  // Keyed by its ready date (not an undated episode, `…:n0`).
  const [told] = await announcements()
  expect(told).toEqual({ key: expect.not.stringMatching(/:n\d+$/), ended: 0 })

  // That evening's answer leaves the hold out: its announcement is ended.
  const holds = ils.library.holds
  ils.library.holds = async () => {
    ils.library.holds = holds
    return { ok: true, value: [] }
  }
  await slot(jst('2026-06-01', '16:00'))
  expect(await announcements()).toEqual([{ key: told!.key, ended: 1 }])

  // Listed again, same date, at every slot for nine days, Hirakata's 3 days erasing at each.
  await slotsThrough('2026-06-02', '2026-06-10')
  expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  expect(flexText(h.pushesTo(PATRON.alice)[0]!)).toContain('銀河鉄道の夜')
  expect(await announcements()).toEqual([{ key: told!.key, ended: 0 }])
})
