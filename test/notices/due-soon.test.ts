/**
 * NOTICE-DUE-SOON in the outbox, with NOTICE-ONCE's guarantees: a crash after LINE accepted
 * the push, a lost answer and a failed push never give a second message nor lose one; an item
 * renewed or returned before the push is left out, and with nothing left nothing is sent.
 * NOTICE-EXPIRY: told once, with where to renew.
 */
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppDeps } from '../../bot/deps.ts'
import { DISPATCH_DEFAULTS, dispatchDue, runSlot } from '../../bot/notices/index.ts'
import { checkIn, checkOut } from '../../db/circulation.ts'
import type { Db } from '../../db/client.ts'
import { patrons } from '../../db/schema.ts'
import { setNoticePrefs } from '../../db/shelf.ts'
import { altTexts, flexText, type Harness, harness, jst, PATRON, PLACE } from './harness.ts'

let h: Harness
afterEach(async () => {
  await h?.close()
})

/** Bob, linked and opted in 2 days ahead, with two books due 2026-06-24. */
async function setUp(): Promise<number[]> {
  h = await harness()
  await h.link(PATRON.bob)
  const ids: number[] = []
  for (const barcode of ['B11', 'B21']) {
    const r = await checkOut(
      h.db,
      { patronId: PATRON.bob, barcode, placeId: PLACE.central },
      h.clock.now(),
      h.deps.config.policy,
    )
    if (!r.ok) throw new Error(r.reason)
    ids.push(r.value.loanId)
  }
  await setNoticePrefs(h.db, { patronId: PATRON.bob, dueSoonDays: 2 }, h.clock.now())
  return ids
}

const SLOT = jst('2026-06-22', '10:00')

/** A run whose database dies at its first write after LINE accepted a push (before marking sent). */
function dyingAfterPush(deps: AppDeps): AppDeps {
  const db: Db = {
    ...deps.db,
    all: (q) => deps.db.all(q),
    async batch(statements) {
      if (h.pushCalls().some((c) => c.status === 200)) throw new Error('crashed')
      return deps.db.batch(statements)
    },
  }
  return { ...deps, db }
}

const dueSoonPushes = () =>
  h.pushesTo(PATRON.bob).filter((m) => String(m.altText).includes('返却期限の資料'))

describe('NOTICE-DUE-SOON', () => {
  it('NOTICE-DUE-SOON: one message for everything due that day; the preview names no title', async () => {
    await setUp()
    h.clock.set(SLOT)
    const report = await runSlot(h.deps, SLOT, { ...h.opts, checkQuota: false })
    expect(report.dueSoonQueued).toBe(1)
    const pushes = h.pushesTo(PATRON.bob)
    expect(pushes).toHaveLength(1)
    const [alt] = altTexts(pushes)
    expect(alt).toBe('2026年6月24日(水)が返却期限の資料があります（2点）。')
    const text = flexText(pushes[0]!)
    for (const [, title] of await h.db
      .all<{ id: number; title: string }>(
        sql`SELECT t.id, t.title FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id`,
      )
      .then((rows) => rows.map((r) => [r.id, r.title] as const))) {
      expect(text).toContain(title)
      expect(alt).not.toContain(title)
    }
    expect(JSON.stringify(pushes[0])).toMatch(/action=renew&loan=\d+/)
  })

  it('NOTICE-DUE-SOON: a library system too slow to quote renewals does not hold the push back; it says to check the loan list', async () => {
    await setUp()
    // The system never answers the renewal quote (a hung ILS): the reminder goes without it.
    h.deps.library = { ...h.deps.library, loans: () => new Promise(() => {}) }
    h.clock.set(SLOT)
    const report = await runSlot(h.deps, SLOT, { ...h.opts, checkQuota: false })
    expect(report.dispatch?.sent).toBe(1)
    const pushes = dueSoonPushes()
    expect(pushes).toHaveLength(1)
    expect(flexText(pushes[0]!)).toContain('延長できるかどうかは、貸出中の一覧でご確認ください。')
    expect(JSON.stringify(pushes[0])).not.toMatch(/action=renew/)
  }, 30_000)

  it('NOTICE-DUE-SOON: a crash after LINE accepted the push, then a restart: exactly one message', async () => {
    await setUp()
    h.clock.set(SLOT)
    await runSlot(h.deps, SLOT, { ...h.opts, checkQuota: false, limit: 0 })
    expect((await h.noticeRows()).map((r) => r.state)).toEqual(['pending'])
    await expect(
      dispatchDue(dyingAfterPush(h.deps), { ...h.opts, slotAt: SLOT, checkQuota: false }),
    ).rejects.toThrow('crashed')
    expect(dueSoonPushes()).toHaveLength(1)
    h.clock.advance(DISPATCH_DEFAULTS.leaseMs + 1)
    const again = await dispatchDue(h.deps, { ...h.opts, slotAt: SLOT, checkQuota: false })
    expect(again).toMatchObject({ repeated: 1, sent: 1, failed: 0 })
    expect(dueSoonPushes()).toHaveLength(1)
    expect((await h.noticeRows()).map((r) => r.state)).toEqual(['sent'])
  })

  it('NOTICE-DUE-SOON: a failed push is retried at a later slot under the same key; still one message', async () => {
    await setUp()
    h.clock.set(SLOT)
    h.sim.faults.add({ match: 'POST /v2/bot/message/push', status: 500, times: 99 })
    const first = await runSlot(h.deps, SLOT, {
      ...h.opts,
      checkQuota: false,
      retry: { maxAttempts: 1 },
    })
    expect(first.dispatch).toMatchObject({ retrying: 1, sent: 0 })
    const [row] = await h.noticeRows()
    expect(row).toMatchObject({ state: 'pending' })
    h.sim.faults.clear()
    h.clock.set(row!.dueAt)
    const later = await dispatchDue(h.deps, { ...h.opts, slotAt: row!.dueAt, checkQuota: false })
    expect(later.sent).toBe(1)
    expect(dueSoonPushes()).toHaveLength(1)
    const keys = new Set(h.pushCalls().map((c) => c.key))
    expect(keys.size).toBe(1)
  })

  it('NOTICE-DUE-SOON: renewed before the push, an item is left out; all renewed or returned, nothing is sent', async () => {
    const [first] = await setUp()
    h.clock.set(SLOT)
    await runSlot(h.deps, SLOT, { ...h.opts, checkQuota: false, limit: 0 })
    expect(
      await h.deps.library.renew({ patronId: PATRON.bob, loanId: first! }, SLOT),
    ).toMatchObject({
      ok: true,
    })
    await dispatchDue(h.deps, { ...h.opts, slotAt: SLOT, checkQuota: false })
    expect(altTexts(dueSoonPushes())).toEqual([
      '2026年6月24日(水)が返却期限の資料があります（1点）。',
    ])

    // The next day's reminder is queued, then the last item comes back before the slot.
    await h.close()
    await setUp()
    h.clock.set(SLOT)
    await runSlot(h.deps, SLOT, { ...h.opts, checkQuota: false, limit: 0 })
    await checkIn(h.db, { barcode: 'B11', placeId: PLACE.central }, SLOT, h.deps.config.policy)
    await checkIn(h.db, { barcode: 'B21', placeId: PLACE.central }, SLOT, h.deps.config.policy)
    const report = await dispatchDue(h.deps, { ...h.opts, slotAt: SLOT, checkQuota: false })
    expect(report).toMatchObject({ pushed: 0, undeliverable: 1 })
    expect(h.pushesTo(PATRON.bob)).toEqual([])
    expect(await h.noticeRows()).toMatchObject([{ state: 'undeliverable', lastError: 'obsolete' }])
  })
})

describe('NOTICE-EXPIRY', () => {
  it('NOTICE-EXPIRY: told once, 30 days ahead, with how and where to renew', async () => {
    h = await harness()
    await h.link(PATRON.bob)
    await h.db.orm
      .update(patrons)
      .set({ expiresOn: '2026-07-10' })
      .where(eq(patrons.id, PATRON.bob))
    h.clock.set(jst('2026-06-10', '16:00'))
    const report = await runSlot(h.deps, h.clock.now(), { ...h.opts, checkQuota: false })
    expect(report.expiryQueued).toBe(1)
    h.clock.set(jst('2026-06-11', '10:00'))
    await runSlot(h.deps, h.clock.now(), { ...h.opts, checkQuota: false })
    const pushes = h.pushesTo(PATRON.bob)
    expect(pushes).toHaveLength(1)
    expect(altTexts(pushes)).toEqual([
      '図書館の利用者登録の有効期限（2026年7月10日(金)）が近づいています。',
    ])
    expect(flexText(pushes[0]!)).toMatch(/図書館・分室・自動車文庫の窓口.*貸出カード/)
  })
})
