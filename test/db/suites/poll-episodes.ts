/**
 * Front mode's readiness episodes (db/notice-poll.ts, bot/notices/poll-episodes.ts): a ready
 * hold the system gives no date for (SIP2) is numbered one past its highest kept episode, and
 * that number is written only while it still is the next, so overlapping polls, a hold ready
 * again, and retention erasing between a poll's read and its write push each readiness once.
 * Each poll here reads and writes as the real one does, with explicit times around NOW
 * (2026-06-10 12:00 JST); Hirakata's cutoff is then 2026-06-07 00:00 JST.
 */
import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { missAnnouncements, relistAnnouncements } from '../../../db/announcement-misses.ts'
import { type Db, raw } from '../../../db/client.ts'
import { episodeKey, readyEpisode, readyKeyPrefix } from '../../../db/notice-episodes.ts'
import {
  endAnnouncements,
  openReadyAnnouncements,
  type PolledNotice,
  queuePolledNotices,
} from '../../../db/notice-poll.ts'
import { eraseReadingRecords } from '../../../db/retention.ts'
import { noticeAnnouncements } from '../../../db/schema.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW, PATRON } from '../fixture.ts'
import { at, OLD, policy } from './retention-rows.ts'

const { alice, bob } = PATRON

const holdReady = (patronId: number, holdId: number, key: string): PolledNotice => ({
  key,
  patronId,
  kind: 'hold_ready',
  slotKind: 'standard',
  dueAt: NOW,
  title: `本 ${holdId}`,
  author: null,
})

export function pollEpisodesSuite(open: OpenDb) {
  describe('front mode: readiness episodes of a hold with no ready date', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
    })

    /**
     * A poll that finds alice's hold ready with nothing of it in its starting list: it reads
     * where the hold's episodes stand (as readyKeys does) and returns its write, run later at
     * `when` (the poll's clock): how many notices it queued, each pushed by that slot.
     */
    async function found(holdId: number) {
      const e = await readyEpisode(db, readyKeyPrefix(alice, holdId))
      const key = e.open ?? episodeKey(readyKeyPrefix(alice, holdId), e.next)
      const n = { ...holdReady(alice, holdId, key), ...(e.open ? {} : { episodeAfter: e.after }) }
      return async (when: number) => {
        const queued = await queuePolledNotices(db, [{ ...n, dueAt: when }], when)
        await db.batch([
          raw(sql`UPDATE notices SET state = 'sent', attempts = 1, sent_at = ${when}
            WHERE state = 'pending' RETURNING id`),
        ])
        return queued
      }
    }
    /** Found ready and written at once: one poll, on its own. */
    const polled = async (holdId: number, when: number) => (await found(holdId))(when)
    const keys = async () =>
      (
        await db.all<{ key: string; ended: number }>(sql`SELECT key, ended_at IS NOT NULL AS ended
        FROM notice_announcements ORDER BY key`)
      ).map((r) => `${r.key}${r.ended ? ' ended' : ''}`)

    it('NOTICE-ONCE: a ready hold the poll found ended is closed, and its episodes are numbered', async () => {
      const prefix = readyKeyPrefix(alice, 7)
      expect(await readyEpisode(db, prefix)).toEqual({ open: null, next: 0, after: null })
      expect(await polled(7, NOW)).toBe(1)
      const dated = [
        holdReady(alice, 70, `${readyKeyPrefix(alice, 70)}2026-06-17`),
        holdReady(bob, 7, `${readyKeyPrefix(bob, 7)}2026-06-17`),
      ]
      expect(await queuePolledNotices(db, dated, NOW)).toBe(2)
      // Hold 70's key shares the digits but not the prefix: not counted as hold 7's.
      expect(await readyEpisode(db, prefix)).toEqual({ open: `${prefix}n0`, next: 1, after: NOW })
      const open = await openReadyAnnouncements(db)
      expect(open.get(alice)?.sort()).toEqual([`${prefix}n0`, dated[0]!.key].sort())
      expect(open.get(bob)).toEqual([dated[1]!.key])
      await endAnnouncements(db, [`${prefix}n0`], NOW + 1)
      await endAnnouncements(db, [`${prefix}n0`], NOW + 2)
      const [row] = await db.orm
        .select({ endedAt: noticeAnnouncements.endedAt })
        .from(noticeAnnouncements)
        .where(eq(noticeAnnouncements.key, `${prefix}n0`))
      expect(row?.endedAt).toBe(NOW + 1)
      expect(await readyEpisode(db, prefix)).toEqual({ open: null, next: 1, after: NOW })
      expect((await openReadyAnnouncements(db)).get(alice)).toEqual([dated[0]!.key])
      // The next readiness is a new key, queued once; the poll after finds it open.
      expect(await polled(7, NOW + 3)).toBe(1)
      expect(await polled(7, NOW + 4)).toBe(0)
      expect(await readyEpisode(db, prefix)).toEqual({
        open: `${prefix}n1`,
        next: 2,
        after: NOW + 3,
      })
    })

    it('NOTICE-ONCE: two overlapping polls that find a hold ready number it alike and queue it once; a stale one that had the collected episode open writes nothing', async () => {
      const [a, b] = [await found(7), await found(7)]
      expect((await Promise.all([a(NOW), b(NOW + 1)])).sort()).toEqual([0, 1])
      expect(await keys()).toEqual([episodeKey(readyKeyPrefix(alice, 7), 0)])
      // Collected, then ready again: a poll that read episode 0 open before another ended it
      // writes that key (nothing), and the next readiness is episode 1, told once.
      const stale = await found(7)
      await endAnnouncements(db, [episodeKey(readyKeyPrefix(alice, 7), 0)], NOW + 2)
      expect(await stale(NOW + 3)).toBe(0)
      expect(await polled(7, NOW + 4)).toBe(1)
      expect(await keys()).toEqual([
        `${episodeKey(readyKeyPrefix(alice, 7), 0)} ended`,
        episodeKey(readyKeyPrefix(alice, 7), 1),
      ])
    })

    it('NOTICE-ONCE: a poll that read a hold’s numbers before retention erased them writes nothing, even once fresh polls have numbered past them again', async () => {
      // Hold 7 was ready twice and hold 8 once, all collected long ago.
      for (const [hold, readyAt, endedAt] of [
        [7, at('2026-05-01'), at('2026-05-02')],
        [7, at('2026-05-20'), OLD],
        [8, at('2026-05-01'), OLD],
      ] as const) {
        expect(await polled(hold, readyAt)).toBe(1)
        await endAnnouncements(
          db,
          [(await readyEpisode(db, readyKeyPrefix(alice, hold))).open ?? ''],
          endedAt,
        )
      }
      // Ready again: poll A reads next 2 (hold 7) and 1 (hold 8), and is slow to write.
      const [a7, a8] = [await found(7), await found(8)]
      expect(await eraseReadingRecords(db, NOW, policy)).toMatchObject({ announcements: 3 })
      // Poll B, reading after the erasing, numbers both from 0 and pushes them; poll C finds
      // both collected.
      expect(await polled(7, NOW + 1)).toBe(1)
      expect(await polled(8, NOW + 1)).toBe(1)
      await endAnnouncements(
        db,
        [7, 8].map((h) => episodeKey(readyKeyPrefix(alice, h), 0)),
        NOW + 2,
      )
      // A's numbers are refused: 2 is not the next, and hold 8's 1 is, but past an episode 0
      // that is not the one A read. Nothing is open, and nothing was pushed a second time.
      expect(await a7(NOW + 3)).toBe(0)
      expect(await a8(NOW + 3)).toBe(0)
      expect(await keys()).toEqual(
        [7, 8].map((h) => `${episodeKey(readyKeyPrefix(alice, h), 0)} ended`),
      )
    })

    it('a poll that read the numbers before they were erased waits a slot: the next poll numbers the readiness from 0 and tells it once', async () => {
      expect(await polled(7, at('2026-05-01'))).toBe(1)
      await endAnnouncements(db, [episodeKey(readyKeyPrefix(alice, 7), 0)], OLD)
      const a = await found(7)
      expect(await eraseReadingRecords(db, NOW, policy)).toMatchObject({ announcements: 1 })
      expect(await a(NOW)).toBe(0)
      expect(await polled(7, at('2026-06-10', '16:00'))).toBe(1)
      expect(await keys()).toEqual([episodeKey(readyKeyPrefix(alice, 7), 0)])
    })

    it('an episode is written only while no other key of its hold is open, only with the number it was read with, and past a gap left by older writes', async () => {
      const prefix = readyKeyPrefix(alice, 7)
      // A poll reads episode 0 as the next; meanwhile the hold is announced under a date.
      const a = await found(7)
      const dated = holdReady(alice, 7, `${prefix}2026-06-17`)
      expect(await queuePolledNotices(db, [dated], NOW)).toBe(1)
      expect(await a(NOW)).toBe(0)
      await endAnnouncements(db, [dated.key], NOW + 1)
      // A key a poll found open (no number read with it) is never written anew.
      const unread = holdReady(alice, 7, episodeKey(prefix, 0))
      expect(await queuePolledNotices(db, [unread], NOW + 1)).toBe(0)
      expect(await polled(7, NOW + 2)).toBe(1)
      expect(await keys()).toEqual([`${dated.key} ended`, episodeKey(prefix, 0)])
      // Hold 8 kept only its episode 1 (written before numbers were checked): counting the
      // ended ones (1) would name that kept key, and the next readiness would never be told.
      const eight = readyKeyPrefix(alice, 8)
      await db.batch([
        db.orm
          .insert(noticeAnnouncements)
          .values({
            key: episodeKey(eight, 1),
            patronId: alice,
            kind: 'hold_ready',
            title: '本 8',
            createdAt: NOW,
            endedAt: NOW + 1,
          })
          .returning({ key: noticeAnnouncements.key }),
      ])
      expect(await readyEpisode(db, eight)).toEqual({ open: null, next: 2, after: NOW })
      expect(await polled(8, NOW + 2)).toBe(1)
    })

    it('NOTICE-ONCE: an episode one slot leaves out is only marked missed; listed again it is the same readiness; left out at two slots it ends', async () => {
      const key = episodeKey(readyKeyPrefix(alice, 9), 0)
      expect(await polled(9, NOW)).toBe(1)
      const slot1 = at('2026-06-10', '16:00')
      const slot2 = at('2026-06-11', '10:00')
      const slot3 = at('2026-06-11', '16:00')
      const row = async () =>
        (
          await db.all<{ missed: number | null; ended: number | null }>(sql`SELECT
            missed_at AS missed, ended_at AS ended FROM notice_announcements WHERE key = ${key}`)
        )[0]
      await missAnnouncements(db, [key], slot1, slot1)
      // The same slot run again (a catch-up, an overlapping poll): still only missed.
      await missAnnouncements(db, [key], slot1, slot1 + 60_000)
      expect(await row()).toEqual({ missed: slot1, ended: null })
      // Listed again: the open episode, so no new readiness is numbered or queued.
      await relistAnnouncements(db, [key], slot2)
      expect(await row()).toEqual({ missed: null, ended: null })
      expect(await polled(9, slot2)).toBe(0)
      // Left out at two slots in a row: ended, and the next readiness is a new episode.
      await missAnnouncements(db, [key], slot2, slot2)
      expect(await row()).toEqual({ missed: slot2, ended: null })
      await missAnnouncements(db, [key], slot3, slot3)
      expect(await row()).toEqual({ missed: slot2, ended: slot3 })
      // A poll of a later slot that lists it finds it ended: it stays so (a new readiness).
      const slot4 = at('2026-06-12', '10:00')
      await relistAnnouncements(db, [key], slot4)
      expect(await row()).toEqual({ missed: slot2, ended: slot3 })
      expect(await readyEpisode(db, readyKeyPrefix(alice, 9))).toMatchObject({
        open: null,
        next: 1,
      })
    })

    it('NOTICE-ONCE: two overlapping runs of one slot, one leaving a twice-missed episode out and one listing it: whichever writes first, it stays open', async () => {
      const key = episodeKey(readyKeyPrefix(alice, 9), 0)
      const slot1 = at('2026-06-10', '16:00')
      const slot2 = at('2026-06-11', '10:00')
      const state = async () =>
        (
          await db.all<{ ended: number | null }>(sql`SELECT ended_at AS ended
            FROM notice_announcements WHERE key = ${key}`)
        )[0]?.ended
      for (const endFirst of [true, false]) {
        await db.batch([
          raw(sql`DELETE FROM notices RETURNING id`),
          raw(sql`DELETE FROM notice_announcements RETURNING key`),
        ])
        expect(await polled(9, NOW)).toBe(1)
        await missAnnouncements(db, [key], slot1, slot1)
        const miss = () => missAnnouncements(db, [key], slot2, slot2 + 1000)
        const list = () => relistAnnouncements(db, [key], slot2)
        if (endFirst) {
          await miss()
          expect(await state()).toBe(slot2 + 1000)
          await list()
        } else {
          await list()
          await miss()
        }
        expect(await state(), `end first: ${endFirst}`).toBeNull()
        // The listing poll reuses the open key: nothing new to queue.
        expect(await polled(9, slot2 + 2000)).toBe(0)
      }
    })

    it('a twice-missed episode is not reopened by a listing when a newer key of its hold exists', async () => {
      const prefix = readyKeyPrefix(alice, 9)
      const slot1 = at('2026-06-10', '16:00')
      const slot2 = at('2026-06-11', '10:00')
      expect(await polled(9, NOW)).toBe(1)
      await missAnnouncements(db, [episodeKey(prefix, 0)], slot1, slot1)
      await missAnnouncements(db, [episodeKey(prefix, 0)], slot2, slot2 + 1000)
      // A third run, started after the end, numbered the readiness anew.
      expect(await polled(9, slot2 + 2000)).toBe(1)
      await relistAnnouncements(db, [episodeKey(prefix, 0)], slot2)
      expect(await keys()).toEqual([`${prefix}n0 ended`, `${prefix}n1`])
    })
  })
}
