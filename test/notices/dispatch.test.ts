/** The dispatcher against the LINE simulator: what goes out, to whom, once, and when. */
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatchDue, runSlot } from '../../bot/notices/index.ts'
import { checkOut } from '../../db/circulation.ts'
import { holds, titles } from '../../db/schema.ts'
import {
  altTexts,
  flexText,
  type Harness,
  harness,
  jst,
  lineUserOf,
  PATRON,
  PLACE,
  TITLE,
} from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

describe('hold-ready notices', () => {
  it('HOLD-READY / NOTICE-SLOTS: a copy checked in at 12:00 is pushed at 16:00, once, with its pickup date', async () => {
    h = await harness()
    await h.link(PATRON.alice)
    const [id] = await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    const [notice] = await h.noticeRows()
    expect(notice).toMatchObject({ id, state: 'pending', dueAt: jst('2026-06-10', '16:00') })

    h.clock.set(jst('2026-06-10', '15:59'))
    const early = await dispatchDue(h.deps, h.opts)
    expect(early.sent).toBe(0)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(0)

    h.clock.set(jst('2026-06-10', '16:00'))
    const report = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(report.dispatch).toMatchObject({ pushed: 1, sent: 1, failed: 0 })
    const [push] = h.pushesTo(PATRON.alice)
    expect(push).toBeDefined()
    const [hold] = await h.db.orm.select().from(holds)
    expect(hold).toMatchObject({ state: 'ready', noticeState: 'sent', pickupBy: '2026-06-17' })
    expect(flexText(push!)).toContain('2026年6月17日')
    expect(flexText(push!)).toContain('銀河鉄道の夜')
    const [sent] = await h.noticeRows()
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sentAt: h.clock.now() })
    expect(h.pushCalls()).toEqual([
      { status: 200, key: sent!.claimedBy, to: expect.stringMatching(/^U/) },
    ])

    // The next slot finds nothing more to send.
    h.clock.set(jst('2026-06-11', '10:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('NOTICE-ONCE: chunk by chunk, the pushes go in the order they were claimed (due time, then patron)', async () => {
    h = await harness()
    const order = [PATRON.erin, PATRON.alice, PATRON.dave, PATRON.bob, PATRON.carol]
    for (const [i, p] of order.entries()) {
      await h.link(p)
      const title = TITLE.book(i + 1)
      await h.readyHolds(p, [title], PLACE.central, [`B${title * 10 + 1}`])
    }
    h.clock.set(jst('2026-06-10', '16:00'))
    const report = await dispatchDue(h.deps, { ...h.opts, concurrency: 1, claimChunk: 2 })
    expect(report).toMatchObject({ pushed: 5, sent: 5, failed: 0 })
    const byUser = new Map(order.map((p) => [lineUserOf(p), p]))
    expect(h.pushCalls().map((c) => byUser.get(c.to))).toEqual([...order].sort((a, b) => a - b))
  })

  it('NOTICE-PRIVACY: the alt text (lock-screen preview) names no title or author', async () => {
    h = await harness()
    await h.link(PATRON.alice)
    await h.link(PATRON.dave, { language: 'en' })
    await h.readyHolds(PATRON.alice, [TITLE.book(1), TITLE.book(2)], PLACE.central, ['B11', 'B21'])
    await h.readyHolds(PATRON.dave, [TITLE.dvd(1)], PLACE.kuzuha, ['B211'])
    h.clock.set(jst('2026-06-10', '16:00'))
    await runSlot(h.deps, h.clock.now(), h.opts)
    const names = await h.db.orm.select({ t: titles.title, a: titles.author }).from(titles)
    const pushes = [...h.pushesTo(PATRON.alice), ...h.pushesTo(PATRON.dave)]
    expect(pushes).toHaveLength(2)
    for (const alt of altTexts(pushes)) {
      for (const n of names) {
        expect(alt).not.toContain(n.t)
        if (n.a) expect(alt).not.toContain(n.a)
      }
    }
    expect(altTexts(h.pushesTo(PATRON.alice))[0]).toContain('2点')
    expect(altTexts(h.pushesTo(PATRON.dave))[0]).toMatch(/ready to collect \(1\)/)
  })

  it('groups many items into one push per patron: ready holds together, overdue items listed together', async () => {
    h = await harness({ start: jst('2026-06-10', '09:00') })
    await h.link(PATRON.alice)
    // Three overdue loans, borrowed 30 days ago.
    for (const barcode of ['B141', 'B151', 'B161']) {
      const r = await checkOut(
        h.db,
        { patronId: PATRON.alice, barcode, placeId: PLACE.central },
        jst('2026-05-11', '11:00'),
        h.deps.config.policy,
      )
      expect(r.ok).toBe(true)
    }
    // Twelve ready holds at three places.
    const at = jst('2026-06-10', '09:00')
    for (const [place, books] of [
      [PLACE.central, [2, 3, 4, 5]],
      [PLACE.kuzuha, [6, 7, 8, 9]],
      [PLACE.branch, [10, 11, 12, 13]],
    ] as const)
      await h.readyHolds(
        PATRON.alice,
        books.map(TITLE.book),
        place,
        books.map((b) => `B${b * 10 + 1}`),
        at,
      )
    h.clock.set(jst('2026-06-10', '10:00'))
    const report = await runSlot(h.deps, h.clock.now(), h.opts)
    expect(report.overdueQueued).toBe(3)
    expect(report.dispatch).toMatchObject({ pushed: 1, sent: 15 })
    const calls = h.pushCalls()
    expect(calls).toHaveLength(1)
    const messages = h.pushesTo(PATRON.alice)
    expect(messages).toHaveLength(2)
    expect(altTexts(messages)).toEqual([
      expect.stringContaining('12点'),
      expect.stringContaining('3点'),
    ])
    expect(flexText(messages[1]!)).toContain('図書館の本 第14話')
    const rows = await h.noticeRows()
    expect(new Set(rows.map((r) => r.claimedBy))).toEqual(new Set([calls[0]!.key]))
  })
})

describe('who is not pushed', () => {
  it('a patron who blocked the account (unfollow) or never linked LINE is not pushed: undeliverable, shown on the hold', async () => {
    h = await harness()
    await h.link(PATRON.alice, { followed: false })
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    await h.readyHolds(PATRON.dave, [TITLE.book(2)], PLACE.central, ['B21'])
    h.clock.set(jst('2026-06-10', '16:00'))
    const report = await dispatchDue(h.deps, h.opts)
    expect(report).toMatchObject({ pushed: 0, undeliverable: 2 })
    expect(h.pushCalls()).toHaveLength(0)
    const rows = (await h.noticeRows()).sort((a, b) => a.patronId - b.patronId)
    expect(rows.map((r) => [r.patronId, r.state, r.lastError])).toEqual([
      [PATRON.alice, 'undeliverable', 'unfollowed'],
      [PATRON.dave, 'undeliverable', 'not_linked'],
    ])
    const states = await h.db.orm.select({ s: holds.noticeState }).from(holds)
    expect(states.map((s) => s.s)).toEqual(['undeliverable', 'undeliverable'])
  })

  it('a hold collected before its slot is not announced (obsolete)', async () => {
    h = await harness()
    await h.link(PATRON.alice)
    await h.readyHolds(PATRON.alice, [TITLE.book(1)], PLACE.central, ['B11'])
    await checkOut(
      h.db,
      { patronId: PATRON.alice, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      h.deps.config.policy,
    )
    h.clock.set(jst('2026-06-10', '16:00'))
    await dispatchDue(h.deps, h.opts)
    expect(h.pushCalls()).toHaveLength(0)
    const [row] = await h.noticeRows()
    expect(row).toMatchObject({ state: 'undeliverable', lastError: 'obsolete' })
    const [hold] = await h.db.orm.select().from(holds).where(eq(holds.patronId, PATRON.alice))
    expect(hold?.state).toBe('collected')
  })
})
