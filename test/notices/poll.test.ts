/**
 * Front mode's notice poll (issue 14): at each slot bunko asks the library system for every
 * linked patron's holds and loans and queues what is new. The "library system" here is the
 * embedded adapter with its own notice path taken away (its outbox rows deleted, its overdue
 * queueing off), so only the poll can tell the patron; the LINE simulator is the chat.
 */
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { dueSoonAltText } from '../../bot/messages/due-soon.ts'
import { pollNotices, tick } from '../../bot/notices/index.ts'
import { addDays } from '../../core/index.ts'
import { checkIn, checkOut } from '../../db/circulation.ts'
import { raw } from '../../db/client.ts'
import { noticePreferences } from '../../db/schema.ts'
import { frontMode, readyInIls as readyInIlsOf, slotAt } from './front-mode.ts'
import { altTexts, flexText, type Harness, harness, jst, PATRON, PLACE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** Ready at NOW (12:00 JST, 10 June): the next slot is 16:00. */
const SLOT = jst('2026-06-10', '16:00')

const readyInIls = (patronId: number, books: number[], pickup?: number) =>
  readyInIlsOf(h, patronId, books, pickup)
const slot = (at: number) => slotAt(h, at)

describe('front-mode notice poll', () => {
  it('NOTICE-ONCE: a hold made ready in the library system reaches the patron once, at the next slot', async () => {
    h = await harness()
    const ils = frontMode(h)
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    expect(await h.noticeRows()).toHaveLength(0)
    const report = await slot(SLOT)
    expect(report.errors).toEqual([])
    expect(report.polledQueued).toBe(1)
    const pushes = h.pushesTo(PATRON.alice)
    expect(pushes).toHaveLength(1)
    expect(altTexts(pushes)[0]).toContain('予約')
    expect(flexText(pushes[0]!)).toContain('銀河鉄道の夜')
    expect(flexText(pushes[0]!)).toContain('中央図書館')
    // Still ready at every later slot: asked again, announced never again.
    await slot(jst('2026-06-10', '19:00'))
    await slot(jst('2026-06-11', '10:00'))
    await slot(jst('2026-06-11', '16:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(ils.holdsAsked.filter((p) => p === PATRON.alice).length).toBe(4)
  })

  it('NOTICE-ONCE: a title ready again after it was collected is announced again, also when the system gives no ready date (SIP2)', async () => {
    h = await harness()
    const ils = frontMode(h)
    // As SIP2 answers: no ready or keep-until date, and a hold known by its title.
    const dated = ils.library.holds
    ils.library.holds = async (input, now) => {
      const got = await dated(input, now)
      if (!got.ok) return got
      const value = got.value.map((x) => ({ ...x, id: x.titleId, readyAt: null, pickupBy: null }))
      return { ok: true, value }
    }
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    await slot(SLOT)
    await slot(jst('2026-06-10', '19:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    // Collected: the next poll finds it no longer ready.
    const policy = h.deps.config.policy
    const lent = await checkOut(
      h.db,
      { patronId: PATRON.alice, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      policy,
    )
    expect(lent.ok).toBe(true)
    // Undated, it is ended once two slots' polls in a row find it no longer ready.
    await slot(jst('2026-06-11', '10:00'))
    await slot(jst('2026-06-11', '16:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    // Returned, reserved again and set aside again: a new readiness, told once.
    const back = await checkIn(
      h.db,
      { barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      policy,
    )
    expect(back.ok).toBe(true)
    await readyInIls(PATRON.alice, [1])
    await slot(jst('2026-06-12', '10:00'))
    await slot(jst('2026-06-12', '16:00'))
    const pushes = h.pushesTo(PATRON.alice)
    expect(pushes).toHaveLength(2)
    expect(flexText(pushes[1]!)).toContain('銀河鉄道の夜')
  })

  it('NOTICE-ONCE: two overlapping polls of a system that gives no ready date (SIP2) queue a ready hold once', async () => {
    h = await harness()
    const ils = frontMode(h)
    // The second question waits until the other poll has queued its notice: both polls read
    // the open announcements before either wrote one.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let asked = 0
    const dated = ils.library.holds
    ils.library.holds = async (input, now) => {
      const got = await dated(input, now)
      if (++asked === 2) await held
      if (!got.ok) return got
      const value = got.value.map((x) => ({ ...x, id: x.titleId, readyAt: null, pickupBy: null }))
      return { ok: true, value }
    }
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    h.clock.set(SLOT)
    const first = pollNotices(h.deps, SLOT, { concurrency: 1, flushAt: 1 })
    const second = pollNotices(h.deps, SLOT, { concurrency: 1, flushAt: 1 })
    await Promise.race([first, second])
    release()
    const [a, b] = await Promise.all([first, second])
    expect(asked).toBe(2)
    expect(a.queued + b.queued).toBe(1)
    await slot(SLOT)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('NOTICE-ONCE: the same slot run twice at once, or again after a crash before sending, pushes once', async () => {
    h = await harness()
    frontMode(h)
    await h.link(PATRON.alice)
    await h.link(PATRON.bob)
    await readyInIls(PATRON.alice, [1])
    await readyInIls(PATRON.bob, [2])
    h.clock.set(SLOT)
    // A run that queued and then died before dispatching.
    expect((await pollNotices(h.deps, SLOT)).queued).toBe(2)
    const [a, b] = await Promise.all([slot(SLOT), slot(SLOT)])
    expect(a.polledQueued + b.polledQueued).toBe(0)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(h.pushesTo(PATRON.bob)).toHaveLength(1)
    expect(h.pushCalls().filter((c) => c.status === 200)).toHaveLength(2)
  })

  it('a poll that crashes halfway fails its slot; the catch-up finds the rest and sends nothing twice', async () => {
    h = await harness()
    const ils = frontMode(h)
    for (const p of [PATRON.alice, PATRON.bob, PATRON.carol]) await h.link(p)
    await readyInIls(PATRON.alice, [1])
    await readyInIls(PATRON.bob, [2])
    await readyInIls(PATRON.carol, [3])
    ils.downFor.add(PATRON.bob)
    h.clock.set(SLOT)
    const first = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(first?.errors).toEqual(['poll'])
    // What was found before the system stopped answering went out; bob waits.
    expect(h.pushesTo(PATRON.bob)).toHaveLength(0)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(h.pushesTo(PATRON.carol)).toHaveLength(1)
    // The re-run crashes inside the adapter (a throw, not an answer): nothing of it is queued.
    ils.crashFor.add(PATRON.carol)
    const second = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(second?.errors).toEqual(['poll'])
    const third = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(third?.errors).toEqual([])
    for (const p of [PATRON.alice, PATRON.bob, PATRON.carol]) expect(h.pushesTo(p)).toHaveLength(1)
    // The slot is done: the next tick runs nothing.
    expect(await tick(h.deps, { ...h.opts, checkQuota: false })).toBeNull()
  })

  it('an unreachable library system queues nothing; the next tick catches the slot up', async () => {
    h = await harness()
    const ils = frontMode(h)
    await h.link(PATRON.alice)
    await readyInIls(PATRON.alice, [1])
    ils.down = true
    h.clock.set(SLOT)
    const report = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(report?.errors).toEqual(['poll'])
    expect(await h.noticeRows()).toHaveLength(0)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(0)
    const failed = h.deps.log.lines.find((l) => l.includes('notices.step_failed'))
    expect(failed).toContain('"step":"poll"')
    expect(failed).toContain('LibrarySystemUnavailable')
    ils.down = false
    h.clock.advance(60_000)
    const again = await tick(h.deps, { ...h.opts, checkQuota: false })
    expect(again?.slotAt).toBe(SLOT)
    expect(again?.errors).toEqual([])
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('NOTICE-OVERDUE: a polled overdue loan is reminded at the slot after the due date, then every 7 days, once each', async () => {
    h = await harness()
    frontMode(h)
    await h.link(PATRON.bob)
    const policy = h.deps.config.policy
    const lent = await checkOut(
      h.db,
      { patronId: PATRON.bob, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      policy,
    )
    expect(lent).toMatchObject({ ok: true, value: { dueDate: '2026-06-24' } })
    const seen: string[] = []
    for (let d = '2026-06-23'; d <= '2026-07-10'; d = addDays(d, 1))
      for (const time of ['10:00', '16:00', '19:00']) {
        const before = h.pushesTo(PATRON.bob).length
        await slot(jst(d, time))
        if (h.pushesTo(PATRON.bob).length > before) seen.push(`${d} ${time}`)
      }
    expect(seen).toEqual(['2026-06-25 10:00', '2026-07-02 10:00', '2026-07-09 10:00'])
    const [first] = h.pushesTo(PATRON.bob)
    expect(altTexts([first!])[0]).toContain('返却期限を過ぎた資料があります（1点）')
    expect(flexText(first!)).toContain('2026年6月24日')
  })

  it('NOTICE-OVERDUE: after downtime only the latest reminder due is queued', async () => {
    h = await harness()
    frontMode(h)
    await h.link(PATRON.bob)
    await checkOut(
      h.db,
      { patronId: PATRON.bob, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      h.deps.config.policy,
    )
    await slot(jst('2026-06-25', '10:00'))
    const report = await slot(jst('2026-07-10', '16:00'))
    expect(report.polledQueued).toBe(1)
    expect(h.pushesTo(PATRON.bob)).toHaveLength(2)
  })

  it('asks only about linked patrons who can be pushed, and only for the notices they want', async () => {
    h = await harness()
    const ils = frontMode(h)
    await h.link(PATRON.alice)
    await h.link(PATRON.bob)
    await h.link(PATRON.carol)
    await h.db.batch([
      h.db.orm
        .insert(noticePreferences)
        .values({ patronId: PATRON.carol, holdReady: false, updatedAt: 0 })
        .returning({ id: noticePreferences.patronId }),
    ])
    await readyInIls(PATRON.alice, [1])
    await readyInIls(PATRON.bob, [2])
    // Bob blocked the account on LINE after reserving.
    await h.db.batch([
      raw(sql`UPDATE line_links SET followed = 0 WHERE patron_id = ${PATRON.bob} RETURNING id`),
    ])
    await readyInIls(PATRON.carol, [3])
    // Dave linked, reserved, and unlinked again.
    await h.link(PATRON.dave)
    await readyInIls(PATRON.dave, [4])
    await h.db.batch([
      raw(sql`DELETE FROM line_links WHERE patron_id = ${PATRON.dave} RETURNING id`),
    ])
    await slot(SLOT)
    expect(ils.holdsAsked).toEqual([PATRON.alice])
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    for (const p of [PATRON.bob, PATRON.carol, PATRON.dave]) expect(h.pushesTo(p)).toHaveLength(0)
  })

  it('NOTICE-DUE-SOON: a polled system answering loans() gets the reminder sent once that day, listing the loan once', async () => {
    h = await harness()
    frontMode(h)
    await h.link(PATRON.bob)
    await h.db.batch([
      h.db.orm
        .insert(noticePreferences)
        .values({ patronId: PATRON.bob, dueSoonDays: 2, updatedAt: 0 })
        .returning({ id: noticePreferences.patronId }),
    ])
    const lent = await checkOut(
      h.db,
      { patronId: PATRON.bob, barcode: 'B11', placeId: PLACE.central },
      h.clock.now(),
      h.deps.config.policy,
    )
    expect(lent).toMatchObject({ ok: true, value: { dueDate: '2026-06-24' } })
    await slot(jst('2026-06-21', '10:00'))
    expect(h.pushesTo(PATRON.bob)).toHaveLength(0)
    await slot(jst('2026-06-22', '10:00'))
    await slot(jst('2026-06-22', '16:00'))
    const pushes = h.pushesTo(PATRON.bob)
    expect(altTexts(pushes)).toEqual([dueSoonAltText('2026-06-24', 1)])
    // Listed once, though bunko's own tables (shared here) also hold the loan.
    expect(flexText(pushes[0]!).split('銀河鉄道の夜').length - 1).toBe(1)
  })

  it('NOTICE-EXPIRY: a patron who wants only an expiry date the system does not tell is not asked', async () => {
    h = await harness()
    const ils = frontMode(h)
    const asked: number[] = []
    const inner = ils.library
    h.deps.library = {
      ...inner,
      capabilities: () => ({ ...inner.capabilities(), expiryNotices: false }),
      loans: (patronId, now) => {
        asked.push(patronId)
        return inner.loans(patronId, now)
      },
      patron: (patronId) => {
        asked.push(patronId)
        return inner.patron(patronId)
      },
    }
    await h.link(PATRON.carol)
    await h.db.batch([
      h.db.orm
        .insert(noticePreferences)
        .values({ patronId: PATRON.carol, holdReady: false, overdue: false, updatedAt: 0 })
        .returning({ id: noticePreferences.patronId }),
    ])
    expect((await slot(SLOT)).errors).toEqual([])
    expect(asked).toEqual([])
    expect(ils.holdsAsked).toEqual([])
  })

  it('NOTICE-SLOTS: a locker hold polled at 19:00 goes at 19:00; a shelf hold waits for 10:00', async () => {
    h = await harness()
    frontMode(h)
    await h.link(PATRON.alice)
    await h.link(PATRON.bob)
    await readyInIls(PATRON.alice, [1], PLACE.locker)
    h.clock.set(jst('2026-06-10', '18:00'))
    await readyInIls(PATRON.bob, [2])
    await slot(jst('2026-06-10', '19:00'))
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
    expect(flexText(h.pushesTo(PATRON.alice)[0]!)).toContain('駅前受取ロッカー')
    expect(h.pushesTo(PATRON.bob)).toHaveLength(0)
    await slot(jst('2026-06-11', '10:00'))
    expect(h.pushesTo(PATRON.bob)).toHaveLength(1)
    expect(h.pushesTo(PATRON.alice)).toHaveLength(1)
  })

  it('a long poll that dies keeps what it queued; the re-run adds only the rest', async () => {
    h = await harness()
    const ils = frontMode(h)
    const patrons = [PATRON.alice, PATRON.bob, PATRON.carol, PATRON.dave, PATRON.erin]
    for (const [i, p] of patrons.entries()) {
      await h.link(p)
      await readyInIls(p, [i + 1])
    }
    h.clock.set(SLOT)
    ils.crashFor.add(PATRON.dave)
    await expect(pollNotices(h.deps, SLOT, { concurrency: 1, flushAt: 1 })).rejects.toThrow()
    expect((await h.noticeRows()).map((n) => n.patronId).sort()).toEqual([
      PATRON.alice,
      PATRON.bob,
      PATRON.carol,
    ])
    expect((await pollNotices(h.deps, SLOT, { concurrency: 1, flushAt: 1 })).queued).toBe(2)
    await slot(SLOT)
    for (const p of patrons) expect(h.pushesTo(p)).toHaveLength(1)
  })

  it('keeps a bounded number of patrons in flight', async () => {
    h = await harness()
    const ils = frontMode(h)
    const patrons = [PATRON.alice, PATRON.bob, PATRON.carol, PATRON.dave, PATRON.erin]
    for (const p of patrons) await h.link(p)
    h.clock.set(SLOT)
    await pollNotices(h.deps, SLOT, { concurrency: 2 })
    expect(ils.holdsAsked.sort()).toEqual([...patrons].sort())
    // holds and loans of one patron go together: two patrons, at most four requests.
    expect(ils.maxInFlight).toBeLessThanOrEqual(4)
    expect(ils.maxInFlight).toBeGreaterThan(1)
  })
})
