/**
 * The notice outbox as the dispatcher drives it (NOTICE-*): group claims under a stable key
 * with a lease, lapsed leases, finishing only by the group that holds a notice, retries at a
 * later slot, the hold's mirror of its notice, and overdue reminders.
 */
import { eq } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { jstInstant, HIRAKATA_POLICY as policy } from '../../../core/index.ts'
import { checkIn, checkOut } from '../../../db/circulation.ts'
import type { Db } from '../../../db/client.ts'
import { placeHolds } from '../../../db/holds.ts'
import {
  type ClaimedGroup,
  claimNoticeGroups,
  finishNoticeGroup,
  finishNoticeGroups,
  lapsedNoticeGroups,
  queueOverdueNotices,
  releaseNoticeGroup,
  retryNoticeGroupAt,
  settleUnsendableNotices,
} from '../../../db/notices.ts'
import { holds, lineLinks, notices } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON, PLACE, TITLE } from '../fixture.ts'

const jst = (date: string, time: string) => jstInstant(date, time)
/** A hold made ready at NOW (12:00 JST) is announced at 16:00. */
const SLOT = jst('2026-06-10', '16:00')
const LEASE = 60_000
/** Two dispatchers' key prefixes (the first four fields of a UUIDv7). */
const A = '0197a1b2-c3d4-7e5f-8a6b-'
const B = '0197a1b2-c3d4-7e5f-8c6d-'
const keyOf = (prefix: string, patronId: number) => prefix + patronId.toString(16).padStart(12, '0')
const sortIds = (groups: ClaimedGroup[]) => groups.flatMap((g) => g.ids).sort()

export function outboxSuite(open: OpenDb) {
  describe('notice outbox', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })

    /** Holds of `patronId` on books `books`, made ready at `at` by checking their copies in. */
    const ready = async (patronId: number, books: number[], at = NOW) => {
      const titleIds = books.map(TITLE.book)
      const placed = await placeHolds(
        db,
        { patronId, titleIds, pickupPlaceId: PLACE.central },
        at,
        policy,
      )
      if (!placed.ok) throw new Error(placed.reason)
      const ids: string[] = []
      for (const b of books) {
        const r = await checkIn(db, { barcode: `B${b}1`, placeId: PLACE.central }, at, policy)
        if (!r.ok || !r.value.noticeId) throw new Error('no notice')
        ids.push(r.value.noticeId)
      }
      return ids
    }
    const claim = (prefix: string, now: number, o: { limit?: number; resume?: string[] } = {}) =>
      claimNoticeGroups(db, {
        at: SLOT,
        now,
        leaseMs: LEASE,
        limit: o.limit ?? 10,
        prefix,
        resume: o.resume ?? [],
      })
    const noticeRow = async (id: string) =>
      (await db.orm.select().from(notices).where(eq(notices.id, id)))[0]!
    const holdState = async (patronId: number) =>
      (await db.orm.select().from(holds).where(eq(holds.patronId, patronId))).map(
        (h) => h.noticeState,
      )

    it('NOTICE-SLOTS: a notice is not claimed before its slot', async () => {
      await ready(PATRON.alice, [1])
      expect(
        await claimNoticeGroups(db, {
          at: SLOT - 1,
          now: SLOT - 1,
          leaseMs: LEASE,
          limit: 10,
          prefix: A,
          resume: [],
        }),
      ).toEqual([])
      expect(await claim(A, SLOT)).toHaveLength(1)
    })

    it("NOTICE-ONCE: a patron's due notices are claimed together under one group key, written on the rows", async () => {
      const alice = await ready(PATRON.alice, [1, 2])
      const carol = await ready(PATRON.carol, [3])
      const groups = await claim(A, SLOT)
      expect(groups.map((g) => ({ ...g, ids: [...g.ids].sort() }))).toEqual(
        expect.arrayContaining([
          { key: keyOf(A, PATRON.alice), resumed: false, ids: [...alice].sort() },
          { key: keyOf(A, PATRON.carol), resumed: false, ids: carol },
        ]),
      )
      expect(groups).toHaveLength(2)
      expect(await noticeRow(carol[0]!)).toMatchObject({
        state: 'sending',
        claimedBy: keyOf(A, PATRON.carol),
        claimedUntil: SLOT + LEASE,
      })
    })

    it('NOTICE-ONCE: two claimers at once never take the same notice', async () => {
      const ids = [
        ...(await ready(PATRON.alice, [1, 2])),
        ...(await ready(PATRON.carol, [3])),
        ...(await ready(PATRON.dave, [4])),
      ]
      const [a, b] = await Promise.all([claim(A, SLOT, { limit: 2 }), claim(B, SLOT, { limit: 2 })])
      const all = [...sortIds(a!), ...sortIds(b!)]
      expect(all.sort()).toEqual([...ids].sort())
      expect(new Set(all).size).toBe(all.length)
      // Whatever is claimed is claimed: nobody else gets it, inside the lease.
      expect(await claim(A, SLOT + 1000)).toEqual([])
    })

    it('NOTICE-ONCE: a lapsed lease is claimed again under the same group key, by one claimer only', async () => {
      const ids = await ready(PATRON.alice, [1, 2])
      const [first] = await claim(A, SLOT)
      expect(await lapsedNoticeGroups(db, { at: SLOT, now: SLOT + LEASE - 1, limit: 10 })).toEqual(
        [],
      )
      const now = SLOT + LEASE + 1
      const lapsed = await lapsedNoticeGroups(db, { at: SLOT, now, limit: 10 })
      expect(lapsed).toEqual([first!.key])
      const [again, other] = await Promise.all([
        claim(B, now, { resume: lapsed }),
        claim(A, now, { resume: lapsed }),
      ])
      const taken = [...again!, ...other!]
      expect(taken).toHaveLength(1)
      expect(taken[0]).toMatchObject({ key: first!.key, resumed: true })
      expect([...taken[0]!.ids].sort()).toEqual([...ids].sort())
      expect(await noticeRow(ids[0]!)).toMatchObject({
        claimedBy: first!.key,
        claimedUntil: now + LEASE,
      })
    })

    it('NOTICE-ONCE: only the group that holds a notice finishes it; sent is final', async () => {
      const [id] = await ready(PATRON.alice, [1])
      const [g] = await claim(A, SLOT)
      const stranger = { key: keyOf(B, PATRON.alice), ids: g!.ids }
      expect(await finishNoticeGroup(db, stranger, { state: 'sent', tries: 1 }, SLOT)).toBe(0)
      // Released (the month's quota) and claimed again: the old key no longer holds it.
      expect(await releaseNoticeGroup(db, g!, 1)).toBe(1)
      const [h] = await claim(B, SLOT + 1)
      expect(h!.key).toBe(keyOf(B, PATRON.alice))
      expect(await finishNoticeGroup(db, g!, { state: 'sent', tries: 1 }, SLOT)).toBe(0)
      expect(await finishNoticeGroup(db, h!, { state: 'sent', tries: 1 }, SLOT + 2)).toBe(1)
      expect(await noticeRow(id!)).toMatchObject({
        state: 'sent',
        sentAt: SLOT + 2,
        attempts: 2,
        lastError: null,
        claimedUntil: null,
      })
      expect(await holdState(PATRON.alice)).toEqual(['sent'])
      const failed = { state: 'failed', reason: 'line_500', tries: 1 } as const
      expect(await finishNoticeGroup(db, h!, failed, SLOT + 3)).toBe(0)
      expect(await claim(A, SLOT + 10 * LEASE)).toEqual([])
    })

    it('NOTICE-ONCE: failed and undeliverable reach the hold with their reason; several outcomes in one batch', async () => {
      const [a] = await ready(PATRON.alice, [1])
      const [c] = await ready(PATRON.carol, [2])
      const [d] = await ready(PATRON.dave, [3])
      const groups = await claim(A, SLOT)
      const of = (patronId: number) => groups.filter((g) => g.key === keyOf(A, patronId))
      const counts = await finishNoticeGroups(db, [
        {
          groups: of(PATRON.alice),
          f: { state: 'failed', reason: 'line_400: bad', tries: 1 },
          now: SLOT,
        },
        {
          groups: of(PATRON.carol),
          f: { state: 'undeliverable', reason: 'unfollowed', tries: 0 },
          now: SLOT,
        },
        { groups: of(PATRON.dave), f: { state: 'sent', tries: 1 }, now: SLOT },
      ])
      expect(Object.fromEntries(counts)).toEqual({
        [keyOf(A, PATRON.alice)]: 1,
        [keyOf(A, PATRON.carol)]: 1,
        [keyOf(A, PATRON.dave)]: 1,
      })
      expect(await noticeRow(a!)).toMatchObject({ state: 'failed', lastError: 'line_400: bad' })
      expect(await noticeRow(c!)).toMatchObject({ state: 'undeliverable', lastError: 'unfollowed' })
      expect(await noticeRow(d!)).toMatchObject({ state: 'sent', lastError: null })
      expect(await holdState(PATRON.alice)).toEqual(['failed'])
      expect(await holdState(PATRON.carol)).toEqual(['undeliverable'])
      expect(await holdState(PATRON.dave)).toEqual(['sent'])
    })

    it('NOTICE-ONCE: one outcome of more notices than D1 binds parameters is recorded at once, each row only under its own key', async () => {
      // 150 notices being sent in 150 groups (polled announcements: no hold row).
      const rows = Array.from({ length: 150 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        key: `hold_ready:poll:${i}`,
        patronId: PATRON.alice,
        kind: 'hold_ready' as const,
        dueAt: SLOT,
        state: 'sending' as const,
        claimedBy: keyOf(A, 1000 + i),
        claimedUntil: SLOT + LEASE,
        createdAt: NOW,
      }))
      for (let i = 0; i < rows.length; i += 5)
        await db.batch([
          db.orm
            .insert(notices)
            .values(rows.slice(i, i + 5))
            .returning({ id: notices.id }),
        ])
      const groups = rows.map((r) => ({ key: r.claimedBy, ids: [r.id] }))
      // The last group names a row another group holds: that pair is not its own.
      groups[149] = { key: keyOf(B, 1149), ids: [rows[149]!.id] }
      const counts = await finishNoticeGroups(db, [
        { groups, f: { state: 'sent', tries: 1 }, now: SLOT },
      ])
      expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(149)
      expect(counts.get(keyOf(B, 1149))).toBeUndefined()
      expect(await noticeRow(rows[0]!.id)).toMatchObject({ state: 'sent', sentAt: SLOT })
      expect(await noticeRow(rows[148]!.id)).toMatchObject({ state: 'sent', attempts: 1 })
      expect(await noticeRow(rows[149]!.id)).toMatchObject({ state: 'sending', attempts: 0 })
    })

    it('NOTICE-ONCE: a patron who cannot be pushed is settled undeliverable with the reason, on the hold too', async () => {
      await db.batch([
        db.orm
          .insert(lineLinks)
          .values({ lineUserId: 'U-carol', patronId: PATRON.carol, linkedAt: 0, followed: false })
          .returning({ id: lineLinks.id }),
      ])
      const [a] = await ready(PATRON.alice, [1])
      const [c] = await ready(PATRON.carol, [2])
      const [b] = await ready(PATRON.bob, [3])
      const settled = await settleUnsendableNotices(db, SLOT)
      expect(settled.sort((x, y) => x.reason.localeCompare(y.reason))).toEqual([
        { id: a, reason: 'not_linked' },
        { id: c, reason: 'unfollowed' },
      ])
      expect(await holdState(PATRON.alice)).toEqual(['undeliverable'])
      expect(await holdState(PATRON.carol)).toEqual(['undeliverable'])
      expect(await noticeRow(b!)).toMatchObject({ state: 'pending' })
      expect(sortIds(await claim(A, SLOT))).toEqual([b])
    })

    it('NOTICE-ONCE: a push put back for a later slot keeps its key and reason, and is claimed again only then', async () => {
      const [id] = await ready(PATRON.alice, [1])
      const [g] = await claim(A, SLOT)
      const next = jst('2026-06-11', '10:00')
      expect(await retryNoticeGroupAt(db, g!, { dueAt: next, reason: 'line_503', tries: 5 })).toBe(
        1,
      )
      expect(await noticeRow(id!)).toMatchObject({
        state: 'pending',
        dueAt: next,
        lastError: 'line_503',
        attempts: 5,
        claimedBy: g!.key,
        claimedUntil: null,
      })
      expect(await holdState(PATRON.alice)).toEqual(['pending'])
      expect(await claim(B, SLOT + 1000)).toEqual([])
      const [later] = await claimNoticeGroups(db, {
        at: next,
        now: next,
        leaseMs: LEASE,
        limit: 10,
        prefix: B,
        resume: [],
      })
      expect(later).toEqual({ key: g!.key, resumed: true, ids: [id] })
      expect(await finishNoticeGroup(db, later!, { state: 'sent', tries: 1 }, next)).toBe(1)
      expect(await holdState(PATRON.alice)).toEqual(['sent'])
    })

    describe('NOTICE-OVERDUE', () => {
      const lend = (patronId: number, barcode: string) =>
        checkOut(db, { patronId, barcode, placeId: PLACE.central }, NOW, policy)
      const keys = async () => (await db.orm.select().from(notices)).map((r) => [r.key, r.dueAt])

      it('NOTICE-OVERDUE: the first at the first slot after the due date, then every 7 days, each queued once', async () => {
        const loan = await lend(PATRON.bob, 'B11')
        expect(loan).toMatchObject({ ok: true, value: { dueDate: '2026-06-24' } })
        const q = (date: string, time: string) =>
          queueOverdueNotices(db, jst(date, time), jst(date, time), policy)
        expect(await q('2026-06-24', '16:00')).toBe(0)
        expect(await q('2026-06-25', '10:00')).toBe(1)
        expect(await q('2026-06-25', '10:00')).toBe(0)
        expect(await q('2026-06-25', '16:00')).toBe(0)
        expect(await q('2026-07-01', '16:00')).toBe(0)
        expect(await q('2026-07-02', '10:00')).toBe(1)
        // After downtime: only the latest reminder due, on the weekly grid.
        expect(await q('2026-07-17', '16:00')).toBe(1)
        const loanId = loan.ok ? loan.value.loanId : 0
        expect(await keys()).toEqual([
          [`overdue:${loanId}:0`, jst('2026-06-25', '10:00')],
          [`overdue:${loanId}:1`, jst('2026-07-02', '10:00')],
          [`overdue:${loanId}:3`, jst('2026-07-16', '10:00')],
        ])
      })

      it('NOTICE-OVERDUE: none for a returned item, nor for a patron who cannot be pushed', async () => {
        await lend(PATRON.bob, 'B11')
        await lend(PATRON.alice, 'B21')
        await checkIn(
          db,
          { barcode: 'B11', placeId: PLACE.central },
          jst('2026-06-25', '09:00'),
          policy,
        )
        const at = jst('2026-06-25', '10:00')
        expect(await queueOverdueNotices(db, at, at, policy)).toBe(0)
        expect(await keys()).toEqual([])
      })
    })
  })
}
