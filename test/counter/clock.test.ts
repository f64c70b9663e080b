/** The demo clock: moved from the counter in demo mode only, saved so a restart keeps it. */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { DemoClock } from '../../bot/clock.ts'
import { DEMO_OFFSET_KEY, saveDemoOffset, stepMs } from '../../bot/counter/demo-clock.ts'
import { restoreDemoClock } from '../../bot/counter/index.tsx'
import { DAY_MS, HIRAKATA_POLICY, jstInstant } from '../../core/index.ts'
import { auditLog, kv } from '../../db/schema.ts'
import { DeskClient, text } from './desk-client.ts'
import { harness, NOW } from './fixture.ts'

const savedOffset = async (h: Awaited<ReturnType<typeof harness>>) =>
  Number((await h.db.orm.select().from(kv).where(eq(kv.key, DEMO_OFFSET_KEY)))[0]?.value)

describe('demo clock', () => {
  it('NOTICE-SLOTS: "next notice time" goes to the next slot strictly after now', () => {
    const p = HIRAKATA_POLICY
    const at = (d: string, t: string) => jstInstant(d, t)
    expect(at('2026-06-10', '12:00') + stepMs('slot', at('2026-06-10', '12:00'), p)).toBe(
      at('2026-06-10', '16:00'),
    )
    // 16:00 is itself a slot: the next one is the locker slot at 19:00.
    expect(at('2026-06-10', '16:00') + stepMs('slot', at('2026-06-10', '16:00'), p)).toBe(
      at('2026-06-10', '19:00'),
    )
    expect(at('2026-06-10', '19:30') + stepMs('slot', at('2026-06-10', '19:30'), p)).toBe(
      at('2026-06-11', '10:00'),
    )
    expect(stepMs('day', 0, p)).toBe(DAY_MS)
    expect(stepMs('week', 0, p)).toBe(7 * DAY_MS)
  })

  it('in demo mode shows Japan time and moves forward by slot, day and week, saving the offset', async () => {
    const h = await harness({ demo: true })
    const desk = await new DeskClient(h.app).signedIn()
    const page = text((await desk.get('/counter')).html)
    expect(page).toContain('デモ時計（日本時間）： 2026年6月10日(水) 12:00')
    expect(page).toContain('次のお知らせ時刻へ')
    const slot = await desk.post('/counter/clock/advance', { by: 'slot' })
    expect(slot.res.status).toBe(303)
    expect(h.clock.now()).toBe(jstInstant('2026-06-10', '16:00'))
    await desk.post('/counter/clock/advance', { by: 'day' })
    await desk.post('/counter/clock/advance', { by: 'week' })
    expect(h.clock.now()).toBe(jstInstant('2026-06-18', '16:00'))
    expect(await savedOffset(h)).toBe(h.clock.offset)
    expect(text((await desk.get('/counter')).html)).toContain('2026年6月18日(木) 16:00')
    const moves = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, 'clock.advance'))
    expect(moves).toHaveLength(3)
    expect(JSON.parse(moves[0]!.before!)).toEqual({ now: NOW })
  })

  it('tells the scheduler when the clock moved, so a reached slot runs at once', async () => {
    let woken = 0
    const h = await harness({ demo: true, onClockAdvanced: () => woken++ })
    const desk = await new DeskClient(h.app).signedIn()
    await desk.post('/counter/clock/advance', { by: 'slot' })
    expect(woken).toBe(1)
  })

  it('comes back to the page the button was pressed on, and only to counter pages', async () => {
    const h = await harness({ demo: true })
    const desk = await new DeskClient(h.app).signedIn()
    const back = await desk.post('/counter/clock/advance', { by: 'day', back: '/holds?place=2' })
    expect(back.res.headers.get('location')).toBe('/counter/holds?place=2')
    const away = await desk.post('/counter/clock/advance', { by: 'day', back: '//evil.example' })
    expect(away.res.headers.get('location')).toBe('/counter')
    const bad = await desk.post('/counter/clock/advance', { by: 'year' })
    expect(bad.res.status).toBe(400)
  })

  it('restoreDemoClock: a new clock (after a restart) picks up the saved offset, never going back', async () => {
    const h = await harness({ demo: true })
    const desk = await new DeskClient(h.app).signedIn()
    await desk.post('/counter/clock/advance', { by: 'week' })
    const restarted = new DemoClock(() => NOW)
    await restoreDemoClock(h.db, restarted)
    expect(restarted.now()).toBe(NOW + 7 * DAY_MS)
    // A smaller offset written late (a racing desk) neither lowers the saved one nor the clock.
    await saveDemoOffset(h.db, DAY_MS, NOW)
    expect(await savedOffset(h)).toBe(7 * DAY_MS)
    await restoreDemoClock(h.db, restarted)
    expect(restarted.offset).toBe(7 * DAY_MS)
  })

  it('another process moving the clock is seen on the next request', async () => {
    const h = await harness({ demo: true })
    const desk = await new DeskClient(h.app).signedIn()
    await saveDemoOffset(h.db, DAY_MS, NOW)
    expect(text((await desk.get('/counter')).html)).toContain('2026年6月11日(木) 12:00')
    expect(h.clock.offset).toBe(DAY_MS)
  })

  it('outside demo mode: no clock shown, the advance endpoint is 404 and time stays real', async () => {
    const h = await harness({ demo: false })
    const desk = await new DeskClient(h.app).signedIn()
    const page = await desk.get('/counter')
    expect(text(page.html)).not.toContain('デモ時計')
    expect(page.html).not.toContain('/counter/clock/advance')
    for (const by of ['slot', 'day', 'week']) {
      const { res } = await desk.post('/counter/clock/advance', { by })
      expect(res.status).toBe(404)
    }
    expect(h.clock.offset).toBe(0)
    expect(await h.db.orm.select().from(kv)).toHaveLength(0)
  })
})
