/**
 * Front mode's announcements after readingRecordDays (db/retention-announcements.ts): each
 * goes once no poll can work its key out again, and not before, so nothing is pushed twice.
 * Dated around NOW (2026-06-10 12:00 JST); Hirakata's cutoff is 2026-06-07 00:00 JST and its
 * overdue reminders come every 7 days.
 */
import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { type Db, raw } from '../../../db/client.ts'
import { episodeKey, readyEpisode, readyKeyPrefix } from '../../../db/notice-episodes.ts'
import {
  endAnnouncements,
  openReadyAnnouncements,
  type PolledNotice,
  queuePolledNotices,
} from '../../../db/notice-poll.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON } from '../fixture.ts'
import { at, NOTHING, OLD, policy, RECENT } from './retention-rows.ts'

const notice = (key: string, patronId: number, kind: PolledNotice['kind']): PolledNotice => ({
  key,
  patronId,
  kind,
  slotKind: 'standard',
  dueAt: 0,
  title: kind === 'hold_ready' || kind === 'overdue' ? '銀河鉄道の夜' : '',
  author: null,
})

const dueSoon = (patronId: number, day: string, loanIds: number[]): PolledNotice => ({
  ...notice(`due_soon:${patronId}:${day}`, patronId, 'due_soon'),
  aboutDate: day,
  items: loanIds.map((loanId) => ({ loanId, title: `本 ${loanId}`, author: null, dueDate: day })),
})

export function retentionAnnouncementsSuite(open: OpenDb) {
  describe('front mode: announcements go once they can no longer stop a duplicate push', () => {
    let db: Db
    const { alice, bob, carol } = PATRON
    beforeEach(async () => {
      db = await open()
      // Polled patrons are linked (the fixture links bob only).
      await db.batch([
        raw(sql`INSERT INTO line_links (line_user_id, patron_id, linked_at)
          VALUES ('U-alice', ${alice}, 0), ('U-carol', ${carol}, 0) RETURNING id`),
      ])
    })

    /** Queued by a poll at `when` and pushed then (or left pending), as the slot leaves it. */
    async function announced(n: PolledNotice, when: number, state = 'sent') {
      expect(await queuePolledNotices(db, [{ ...n, dueAt: when }], when)).toBe(1)
      await db.batch([
        raw(sql`UPDATE notices SET state = ${state}, attempts = 1,
            sent_at = ${state === 'sent' ? when : null}
          WHERE key = ${n.key} RETURNING id`),
      ])
    }
    /** The poll found the hold no longer ready at `when`. */
    const ended = (key: string, when: number) =>
      db.batch([
        raw(sql`UPDATE notice_announcements SET ended_at = ${when} WHERE key = ${key}
          RETURNING key`),
      ])
    /** A poll finding alice's hold ready with no date: its next episode, numbered as it reads. */
    async function nextEpisode(prefix: string): Promise<PolledNotice> {
      const e = await readyEpisode(db, prefix)
      return { ...notice(episodeKey(prefix, e.next), alice, 'hold_ready'), episodeAfter: e.after }
    }
    const kept = async () =>
      (await db.all<{ key: string }>(sql`SELECT key FROM notice_announcements ORDER BY key`)).map(
        (r) => r.key,
      )

    it('a ready hold’s announcements go together once every one ended before the cutoff; an open one stays while a hold could still be waiting', async () => {
      const seven = readyKeyPrefix(alice, 7)
      const eight = readyKeyPrefix(alice, 8)
      // Hold 7 (SIP2: numbered episodes) ended twice, both long ago: gone together.
      await announced(await nextEpisode(seven), at('2026-05-01'))
      await ended(episodeKey(seven, 0), at('2026-05-02'))
      await announced(await nextEpisode(seven), at('2026-05-20'))
      await ended(episodeKey(seven, 1), OLD)
      // Hold 8's last episode ended after the cutoff: its first stays with it.
      await announced(await nextEpisode(eight), at('2026-05-01'))
      await ended(episodeKey(eight, 0), at('2026-05-02'))
      await announced(await nextEpisode(eight), at('2026-06-04'))
      await ended(episodeKey(eight, 1), RECENT)
      // Hold 70 shares hold 7's digits, not its range; still ready since May.
      await announced(await nextEpisode(readyKeyPrefix(alice, 70)), OLD)
      // A dated key (the system gives a ready date): one still ready, one collected in May.
      const shelved = notice(`${readyKeyPrefix(bob, 9)}2026-05-01`, bob, 'hold_ready')
      await announced(shelved, at('2026-05-01'))
      await announced(notice(`${readyKeyPrefix(bob, 10)}2026-05-01`, bob, 'hold_ready'), OLD)
      await ended(`${readyKeyPrefix(bob, 10)}2026-05-01`, OLD)

      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({
        ...NOTHING,
        notices: 7,
        announcements: 3,
      })
      expect(await kept()).toEqual([
        episodeKey(readyKeyPrefix(alice, 70), 0),
        episodeKey(eight, 0),
        episodeKey(eight, 1),
        shelved.key,
      ])
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
      // Still ready at the next slot: not queued again.
      expect(await queuePolledNotices(db, [shelved], NOW)).toBe(0)
      // Hold 7 starts again at 0; hold 8 numbers past what it kept.
      expect(await readyEpisode(db, seven)).toEqual({ open: null, next: 0, after: null })
      expect(await readyEpisode(db, eight)).toEqual({
        open: null,
        next: 2,
        after: at('2026-06-04'),
      })
    })

    it('an open ready announcement older than any hold waits (60 days before the cutoff) goes: no poll ends it (notices turned off, a patron the system no longer lists)', async () => {
      // The cutoff is 7 June (Hirakata's 3 days before 10 June); 60 days before it, 8 April.
      await announced(await nextEpisode(readyKeyPrefix(alice, 5)), at('2026-04-07'))
      const waiting = await nextEpisode(readyKeyPrefix(alice, 6))
      await announced(waiting, at('2026-04-09'))
      expect(await eraseReadingRecords(db, NOW, policy)).toMatchObject({ announcements: 1 })
      expect(await kept()).toEqual([waiting.key])
    })

    it('a patron no longer linked is polled no more: their announcements go once before the cutoff, open or not, unless a notice is still to be sent', async () => {
      const open = notice(`${readyKeyPrefix(alice, 7)}2026-05-01`, alice, 'hold_ready')
      await announced(open, OLD)
      const pending = notice(`${readyKeyPrefix(alice, 8)}2026-06-05`, alice, 'hold_ready')
      await announced(pending, OLD, 'pending')
      const recent = notice(`${readyKeyPrefix(alice, 9)}2026-06-08`, alice, 'hold_ready')
      await announced(recent, RECENT)
      // Linked, the open one stays (the hold is still on the shelf).
      await eraseReadingRecords(db, NOW, policy)
      expect(await kept()).toEqual([open.key, pending.key, recent.key])
      await db.batch([raw(sql`DELETE FROM line_links WHERE patron_id = ${alice} RETURNING id`)])
      expect(await eraseReadingRecords(db, NOW, policy)).toMatchObject({ announcements: 1 })
      expect(await kept()).toEqual([pending.key, recent.key])
    })

    it('a dated ready hold one answer left out is reopened when the next lists it, so it is kept while on the shelf and not pushed again', async () => {
      // Set aside on 1 June (the system gives that date) and pushed at the 10:00 slot.
      const key = `${readyKeyPrefix(alice, 9)}2026-06-01`
      const shelved = notice(key, alice, 'hold_ready')
      await announced(shelved, at('2026-06-01', '10:00'))
      // That evening's answer leaves it out (or the system refuses to list her once): ended.
      await endAnnouncements(db, [key], at('2026-06-01', '16:00'))
      // The next slot lists it again, same date: nothing queued, and it is open again.
      expect(await queuePolledNotices(db, [shelved], at('2026-06-02', '10:00'))).toBe(0)
      expect((await openReadyAnnouncements(db)).get(alice)).toEqual([key])
      // Still on the shelf on 10 June: kept, so that day's poll queues nothing.
      expect(await eraseReadingRecords(db, NOW, policy)).toMatchObject({ announcements: 0 })
      expect(await kept()).toEqual([key])
      expect(await queuePolledNotices(db, [shelved], NOW)).toBe(0)
      // Collected: the next answer leaves it out, and it goes readingRecordDays later.
      await endAnnouncements(db, [key], at('2026-06-10', '16:00'))
      expect(await eraseReadingRecords(db, at('2026-06-13'), policy)).toEqual(NOTHING)
      expect(await eraseReadingRecords(db, at('2026-06-14'), policy)).toMatchObject({
        announcements: 1,
      })
    })

    it('an overdue reminder goes once its number cannot come round again; a due-soon reminder and its loans once past; an expiry notice once its date has passed', async () => {
      // 7 days before the cutoff: reminder 0 of a loan due 20 May cannot be worked out again.
      const first = notice(`poll:overdue:${bob}:5:2026-05-20:0`, bob, 'overdue')
      const second = notice(`poll:overdue:${bob}:5:2026-05-20:1`, bob, 'overdue')
      await announced(first, at('2026-05-28', '10:00'))
      await announced(second, at('2026-06-04', '10:00'))
      await announced(dueSoon(alice, '2026-06-05', [3, 4]), OLD)
      // Its push has not gone yet (LINE's quota): it reads the loans from the announcements.
      await announced(dueSoon(bob, '2026-06-05', [6]), OLD, 'pending')
      await announced(dueSoon(carol, '2026-06-08', [7]), RECENT)
      const lapsed = notice(`expiry:${alice}:2026-06-04`, alice, 'expiry')
      const coming = notice(`expiry:${bob}:2026-06-20`, bob, 'expiry')
      await announced(lapsed, at('2026-05-10'))
      await announced(coming, at('2026-05-25'))

      expect(await eraseReadingRecords(db, NOW, policy)).toEqual({
        ...NOTHING,
        notices: 5,
        announcements: 5,
      })
      expect(await kept()).toEqual([
        `due_soon:${bob}:2026-06-05`,
        `due_soon:${bob}:2026-06-05|loan:6`,
        `due_soon:${carol}:2026-06-08`,
        `due_soon:${carol}:2026-06-08|loan:7`,
        coming.key,
        second.key,
      ])
      expect(await eraseReadingRecords(db, NOW, policy)).toEqual(NOTHING)
      for (const n of [second, coming]) expect(await queuePolledNotices(db, [n], NOW)).toBe(0)
      // A week on, reminder 1 and the lapsed-by-then expiry date go too.
      const later = at('2026-07-01')
      expect(await eraseReadingRecords(db, later, policy)).toMatchObject({ announcements: 4 })
      expect(await kept()).toEqual([
        `due_soon:${bob}:2026-06-05`,
        `due_soon:${bob}:2026-06-05|loan:6`,
      ])
    })

    it('with readingRecordDays 0 an announcement still waits a full day', async () => {
      const none = { ...policy, readingRecordDays: 0 }
      await announced(dueSoon(alice, '2026-06-08', []), at('2026-06-08', '10:00'))
      await announced(dueSoon(bob, '2026-06-09', []), at('2026-06-09', '16:00'))
      expect(await eraseReadingRecords(db, NOW, none)).toMatchObject({ announcements: 1 })
      expect(await kept()).toEqual([`due_soon:${bob}:2026-06-09`])
    })
  })
}
