/**
 * The outbox side of front mode's notice poll (db/notice-poll.ts): who is asked about, a
 * polled notice queued once per key (also after its outbox row is gone), its push content
 * read from its announcement, and settling that treats it like any other notice.
 */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { jstInstant } from '../../../core/index.ts'
import { type Db, raw } from '../../../db/client.ts'
import { type PolledNotice, pollTargets, queuePolledNotices } from '../../../db/notice-poll.ts'
import {
  claimedNoticeItems,
  claimNoticeGroups,
  dueSoonLoans,
  settleUnsendableNotices,
} from '../../../db/notices.ts'
import { noticeAnnouncements, noticePreferences, notices } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON } from '../fixture.ts'

const SLOT = jstInstant('2026-06-10', '16:00')
const PREFIX = '0197a1b2-c3d4-7e5f-8a6b-'

const ready = (patronId: number, holdId: number): PolledNotice => ({
  key: `poll:hold_ready:${patronId}:${holdId}:2026-06-17`,
  patronId,
  kind: 'hold_ready',
  slotKind: 'standard',
  dueAt: SLOT,
  title: `本 ${holdId}`,
  author: '著者',
  placeName: '中央図書館',
  placeNameEn: 'Central Library',
  placePhone: '050-0000-0000',
  placeKind: 'library',
  collectBy: '2026-06-17',
  lockerLent: null,
})

/** A polled due-soon reminder for `day`'s due date listing loans `ids`, as poll.ts queues it. */
const dueSoon = (patronId: number, [day, ...ids]: [string, ...number[]]): PolledNotice => ({
  key: `due_soon:${patronId}:2026-06-10`,
  patronId,
  kind: 'due_soon',
  slotKind: 'standard',
  dueAt: SLOT,
  title: '',
  author: null,
  aboutDate: day,
  items: ids.map((id) => ({ loanId: id, title: `本 ${id}`, author: '著者', dueDate: day })),
})

const expiry = (patronId: number, day: string): PolledNotice => ({
  key: `expiry:${patronId}:${day}`,
  patronId,
  kind: 'expiry',
  slotKind: 'standard',
  dueAt: SLOT,
  title: '',
  author: null,
  aboutDate: day,
})

/** Claim every due notice; each with its kind. */
async function claimAll(db: Db) {
  const groups = await claimNoticeGroups(db, {
    at: SLOT,
    now: SLOT,
    leaseMs: 60_000,
    limit: 100,
    prefix: PREFIX,
    resume: [],
  })
  const items = await claimedNoticeItems(
    db,
    groups.flatMap((g) => g.ids),
  )
  return items.map((i) => ({ id: i.id, kind: i.kind }))
}

export function pollSuite(open: OpenDb) {
  describe('notice poll outbox', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })

    it('NOTICE-ONCE: a polled notice is queued once per key, also after its outbox row is gone', async () => {
      const found = [ready(PATRON.alice, 1), ready(PATRON.alice, 2), ready(PATRON.bob, 3)]
      expect(await queuePolledNotices(db, found, NOW)).toBe(3)
      expect(await queuePolledNotices(db, found, NOW + 1)).toBe(0)
      await db.batch([raw(sql`DELETE FROM notices RETURNING id`)])
      expect(await queuePolledNotices(db, found, NOW + 2)).toBe(0)
      expect(await db.orm.select().from(notices)).toHaveLength(0)
      expect(await db.orm.select().from(noticeAnnouncements)).toHaveLength(3)
      // Twice at once (two slots overlapping): one notice.
      const again = [ready(PATRON.carol, 4)]
      const counts = await Promise.all([
        queuePolledNotices(db, again, NOW),
        queuePolledNotices(db, again, NOW),
      ])
      expect(counts.sort()).toEqual([0, 1])
    })

    it('a batch larger than one statement group is queued whole', async () => {
      const many = Array.from({ length: 60 }, (_, i) => ready(PATRON.alice, 100 + i))
      expect(await queuePolledNotices(db, many, NOW)).toBe(60)
    })

    it('a polled notice is claimed with the title and place its announcement recorded', async () => {
      // Bob is the fixture's linked patron; his notice has no hold row in bunko.
      await queuePolledNotices(db, [ready(PATRON.bob, 1)], NOW)
      expect(await settleUnsendableNotices(db, SLOT)).toEqual([])
      const groups = await claimNoticeGroups(db, {
        at: SLOT,
        now: SLOT,
        leaseMs: 60_000,
        limit: 10,
        prefix: PREFIX,
        resume: [],
      })
      const [item] = await claimedNoticeItems(
        db,
        groups.flatMap((g) => g.ids),
      )
      expect(item).toMatchObject({
        kind: 'hold_ready',
        patronId: PATRON.bob,
        title: '本 1',
        author: '著者',
        placeName: '中央図書館',
        placeNameEn: 'Central Library',
        placePhone: '050-0000-0000',
        placeKind: 'library',
        collectBy: '2026-06-17',
      })
    })

    it('a polled notice for a patron no longer linked is settled undeliverable, not pushed', async () => {
      await queuePolledNotices(db, [ready(PATRON.dave, 1)], NOW)
      const settled = await settleUnsendableNotices(db, SLOT)
      expect(settled.map((s) => s.reason)).toEqual(['not_linked'])
    })

    it('asks about linked, following patrons who take LINE notices, with the kinds they want', async () => {
      await db.batch([
        raw(sql`DELETE FROM line_links RETURNING id`),
        raw(sql`INSERT INTO line_links (line_user_id, patron_id, linked_at, followed, language)
          VALUES ('Ua', ${PATRON.alice}, 0, 1, 'ja'), ('Ub', ${PATRON.bob}, 0, 0, 'ja'),
            ('Uc', ${PATRON.carol}, 0, 1, 'ja'), ('Ue', ${PATRON.erin}, 0, 1, 'ja')
          RETURNING id`),
        db.orm
          .insert(noticePreferences)
          .values([
            { patronId: PATRON.carol, holdReady: false, updatedAt: 0 },
            { patronId: PATRON.erin, channel: 'email', updatedAt: 0 },
          ])
          .returning({ id: noticePreferences.patronId }),
      ])
      expect(await pollTargets(db)).toEqual([
        { patronId: PATRON.alice, holdReady: true, overdue: true, dueSoonDays: null, expiry: true },
        {
          patronId: PATRON.carol,
          holdReady: false,
          overdue: true,
          dueSoonDays: null,
          expiry: true,
        },
      ])
      const carol = (set: Partial<typeof noticePreferences.$inferInsert>) =>
        db.batch([
          db.orm
            .update(noticePreferences)
            .set(set)
            .where(eq(noticePreferences.patronId, PATRON.carol))
            .returning({ id: noticePreferences.patronId }),
        ])
      // NOTICE-EXPIRY is on unless turned off, and NOTICE-DUE-SOON is asked for on its own.
      await carol({ overdue: false })
      expect((await pollTargets(db)).map((t) => t.patronId)).toEqual([PATRON.alice, PATRON.carol])
      await carol({ expiry: false })
      expect((await pollTargets(db)).map((t) => t.patronId)).toEqual([PATRON.alice])
      await carol({ dueSoonDays: 2 })
      expect((await pollTargets(db)).find((t) => t.patronId === PATRON.carol)).toEqual({
        patronId: PATRON.carol,
        holdReady: false,
        overdue: false,
        dueSoonDays: 2,
        expiry: false,
      })
    })

    it('NOTICE-DUE-SOON: a polled reminder is queued once with the loans it lists, and claimed with them though bunko has no such loan', async () => {
      const reminder = dueSoon(PATRON.bob, ['2026-06-12', 31, 7])
      const found = [ready(PATRON.bob, 1), reminder, ready(PATRON.bob, 2)]
      expect(await queuePolledNotices(db, found, NOW)).toBe(3)
      expect(await queuePolledNotices(db, [reminder], NOW + 1)).toBe(0)
      expect(await settleUnsendableNotices(db, SLOT)).toEqual([])
      const ids = (await claimAll(db)).filter((g) => g.kind === 'due_soon').map((g) => g.id)
      expect(ids).toHaveLength(1)
      const [item] = await claimedNoticeItems(db, ids)
      expect(item).toMatchObject({ kind: 'due_soon', aboutDate: '2026-06-12' })
      expect(await dueSoonLoans(db, ids)).toEqual([
        { noticeId: ids[0], loanId: 7, title: '本 7', author: '著者', dueDate: '2026-06-12' },
        { noticeId: ids[0], loanId: 31, title: '本 31', author: '著者', dueDate: '2026-06-12' },
      ])
    })

    it('NOTICE-DUE-SOON, NOTICE-EXPIRY: notices of bunko’s own loans and registrations are still checked against them', async () => {
      // Not polled (no announcement): no loan due that date, no such expiry date.
      await db.batch([
        raw(sql`INSERT INTO notices (id, key, patron_id, kind, slot_kind, due_at, state,
            attempts, created_at, about_date)
          VALUES ('n1', ${`due_soon:${PATRON.bob}:2026-06-10`}, ${PATRON.bob}, 'due_soon',
            'standard', ${SLOT}, 'pending', 0, ${NOW}, '2030-01-01'),
          ('n2', ${`expiry:${PATRON.bob}:2030-01-01`}, ${PATRON.bob}, 'expiry', 'standard',
            ${SLOT}, 'pending', 0, ${NOW}, '2030-01-01')
          RETURNING id`),
      ])
      const polled = expiry(PATRON.bob, '2031-03-31')
      await queuePolledNotices(db, [polled], NOW)
      const settled = await settleUnsendableNotices(db, SLOT)
      expect(settled.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: 'n1', reason: 'obsolete' },
        { id: 'n2', reason: 'obsolete' },
      ])
      const ids = (await claimAll(db)).map((g) => g.id)
      const items = await claimedNoticeItems(db, ids)
      expect(items).toMatchObject([{ kind: 'expiry', aboutDate: '2031-03-31' }])
    })
  })
}
