/** The staff statistics (issue 20) over a seeded history with known answers, on each driver. */
import { beforeEach, describe, expect, it } from 'vitest'
import { statsPeriod } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { type StatsReport, statsReport } from '../../../db/stats/report.ts'
import type { OpenDb } from '../drivers.ts'
import { NOW } from '../fixture.ts'
import { seedHistory } from './stats-history.ts'

const count = (r: StatsReport, bucket: string, action: string, channel: string) =>
  r.channels.find((c) => c.bucket === bucket && c.action === action && c.channel === channel)?.n

export function statsSuite(open: OpenDb) {
  describe('staff statistics', () => {
    let db: Db
    beforeEach(async () => {
      db = await open()
      await seedHistory(db)
    })

    it('links, unlinks and blocks per day, with the linked total at the end of each day', async () => {
      const r = await statsReport(db, statsPeriod('7d', NOW), NOW)
      expect(r.linked).toBe(2)
      expect(r.blocked).toBe(1)
      expect(
        r.links.map((l) => [l.bucket, l.links, l.unlinks, l.blocks, l.unblocks, l.linked]),
      ).toEqual([
        ['2026-06-04', 0, 0, 0, 0, 2],
        ['2026-06-05', 0, 0, 0, 0, 2],
        ['2026-06-06', 0, 0, 0, 0, 2],
        ['2026-06-07', 0, 0, 0, 0, 2],
        ['2026-06-08', 1, 0, 0, 0, 3],
        ['2026-06-09', 0, 1, 1, 0, 2],
        ['2026-06-10', 0, 0, 1, 1, 2],
      ])
      const month = await statsReport(db, statsPeriod('30d', NOW), NOW)
      expect(month.links.find((l) => l.bucket === '2026-05-19')?.linked).toBe(1)
      expect(month.links.find((l) => l.bucket === '2026-05-20')?.linked).toBe(2)
    })

    it('renewals, holds and cancels by channel: LINE, counter and kiosk (staff role)', async () => {
      const r = await statsReport(db, statsPeriod('7d', NOW), NOW)
      expect(count(r, '2026-06-09', 'loan.renew', 'line')).toBe(2)
      expect(count(r, '2026-06-09', 'loan.renew', 'counter')).toBe(1)
      expect(count(r, '2026-06-10', 'loan.renew', 'kiosk')).toBe(2)
      expect(count(r, '2026-06-05', 'hold.place', 'line')).toBe(1)
      expect(count(r, '2026-06-10', 'hold.place', 'counter')).toBe(1)
      expect(r.channels.reduce((a, c) => a + c.n, 0)).toBe(7)
      const year = await statsReport(db, statsPeriod('12m', NOW), NOW)
      expect(year.period.buckets[0]).toBe('2025-07')
      expect(count(year, '2026-03', 'hold.cancel', 'kiosk')).toBe(1)
      expect(count(year, '2026-05', 'hold.cancel', 'line')).toBe(1)
      expect(count(year, '2026-06', 'loan.renew', 'line')).toBe(2)
    })

    it('fiscal years run April to March in Japan time', async () => {
      const fy2025 = await statsReport(db, statsPeriod('fy', NOW, 2025), NOW)
      expect(fy2025.period.buckets).toHaveLength(12)
      expect(fy2025.channels.reduce((a, c) => a + c.n, 0)).toBe(1)
      expect(count(fy2025, '2026-03', 'hold.cancel', 'kiosk')).toBe(1)
      const fy2026 = await statsReport(db, statsPeriod('fy', NOW), NOW)
      expect(fy2026.period.label).toContain('2026年度')
      expect(fy2026.channels.reduce((a, c) => a + c.n, 0)).toBe(8)
      // Months still to come have no linked total.
      expect(fy2026.links.find((l) => l.bucket === '2026-06')?.linked).toBe(2)
      expect(fy2026.links.find((l) => l.bucket === '2026-07')?.linked).toBeNull()
    })

    it('notices per slot and kind: sent, failed, undeliverable, waiting and retried', async () => {
      const r = await statsReport(db, statsPeriod('7d', NOW), NOW)
      expect(r.notices).toEqual([
        {
          slot: '10:00',
          slotKind: 'standard',
          kind: 'hold_ready',
          sent: 1,
          failed: 0,
          undeliverable: 1,
          waiting: 0,
          retried: 0,
        },
        {
          slot: '10:00',
          slotKind: 'standard',
          kind: 'overdue',
          sent: 0,
          failed: 1,
          undeliverable: 0,
          waiting: 0,
          retried: 1,
        },
        {
          slot: '16:00',
          slotKind: 'standard',
          kind: 'hold_ready',
          sent: 1,
          failed: 0,
          undeliverable: 0,
          waiting: 0,
          retried: 1,
        },
        {
          slot: '16:00',
          slotKind: 'standard',
          kind: 'overdue',
          sent: 0,
          failed: 0,
          undeliverable: 0,
          waiting: 1,
          retried: 0,
        },
        {
          slot: '19:00',
          slotKind: 'locker',
          kind: 'hold_ready',
          sent: 1,
          failed: 0,
          undeliverable: 0,
          waiting: 0,
          retried: 0,
        },
      ])
    })

    it('the median from hold-ready to delivered (odd and even counts)', async () => {
      const week = await statsReport(db, statsPeriod('7d', NOW), NOW)
      expect(week.medianReadyToDeliveredMs).toBe(7_260_000)
      const fy = await statsReport(db, statsPeriod('fy', NOW), NOW)
      expect(fy.medianReadyToDeliveredMs).toBe((7_260_000 + 14_700_000) / 2)
      const before = await statsReport(db, statsPeriod('fy', NOW, 2024), NOW)
      expect(before.medianReadyToDeliveredMs).toBeNull()
    })

    it('the hold shelf: ready holds by age and place, expired uncollected per week and place', async () => {
      const r = await statsReport(db, statsPeriod('7d', NOW), NOW)
      expect(r.shelf.filter((s) => s.n > 0)).toEqual([
        { place: '中央図書館', age: '0〜1日', n: 2 },
        { place: '楠葉図書館', age: '4〜7日', n: 1 },
        { place: '楠葉図書館', age: '8日以上', n: 1 },
      ])
      expect(r.expired).toEqual([
        { week: '2026-06-01', place: '駅前受取ロッカー', n: 1 },
        { week: '2026-06-01', place: '中央図書館', n: 0 },
        { week: '2026-06-08', place: '駅前受取ロッカー', n: 0 },
        { week: '2026-06-08', place: '中央図書館', n: 1 },
      ])
      const fy = await statsReport(db, statsPeriod('fy', NOW), NOW)
      expect(fy.expired.reduce((a, e) => a + e.n, 0)).toBe(4)
      expect(fy.expired.find((e) => e.week === '2026-04-06' && e.place === '中央図書館')?.n).toBe(1)
    })

    it('webhook events per Japan day and the share answered within 2 s', async () => {
      const r = await statsReport(db, statsPeriod('7d', NOW), NOW)
      const days = r.webhook.filter((w) => w.events > 0)
      expect(days).toEqual([
        { bucket: '2026-06-04', requests: 1, events: 5, eventsFast: 5, share: 1 },
        { bucket: '2026-06-09', requests: 2, events: 4, eventsFast: 3, share: 0.75 },
        { bucket: '2026-06-10', requests: 1, events: 2, eventsFast: 2, share: 1 },
      ])
      const year = await statsReport(db, statsPeriod('12m', NOW), NOW)
      expect(year.webhook.find((w) => w.bucket === '2026-06')).toMatchObject({
        events: 12,
        eventsFast: 11,
      })
    })

    it('names no patron and no title', async () => {
      const text = JSON.stringify(await statsReport(db, statsPeriod('fy', NOW), NOW))
      for (const word of ['山田', '佐藤', '中村', 'U-alice', 'U-bob', 'patron:', 'loan:', 'hold:'])
        expect(text).not.toContain(word)
    })
  })
}
