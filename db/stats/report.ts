/**
 * Everything the statistics page shows for one period, folded from per-day rows into the
 * period's buckets (days or months; expired holds by week). Only counts, place names and
 * times leave here: no title, no patron (reading records are private).
 */
import {
  bucketOf,
  type JstDate,
  jstDate,
  jstInstant,
  type StatsPeriod,
  weekOf,
  weeksOf,
} from '../../core/index.ts'
import type { Db } from '../client.ts'
import { CHANNEL_ACTIONS, LINK_ACTIONS } from '../line-audit.ts'
import { type Channel, type ChannelAction, channelDays, linkDays, linkTotals } from './channels.ts'
import { medianReadyToDelivered, type NoticeSlotRow, noticeSlots } from './notices.ts'
import { expiredHoldDays, readyHoldAges } from './shelf.ts'
import { webhookDays } from './webhook-days.ts'

export interface LinkBucket {
  bucket: string
  links: number
  unlinks: number
  blocks: number
  unblocks: number
  /** Linked accounts at the end of the bucket; null for a bucket still in the future. */
  linked: number | null
}

export interface ChannelBucket {
  bucket: string
  action: ChannelAction
  channel: Channel
  n: number
}

export interface ShelfAgeRow {
  place: string
  age: AgeBand
  n: number
}

export interface ExpiredWeek {
  /** The Monday the week starts on. */
  week: JstDate
  place: string
  n: number
}

export interface WebhookBucket {
  bucket: string
  requests: number
  events: number
  eventsFast: number
  /** Share of events answered within 2 s, 0–1; null with no events. */
  share: number | null
}

export interface StatsReport {
  period: StatsPeriod
  linked: number
  blocked: number
  links: LinkBucket[]
  channels: ChannelBucket[]
  notices: NoticeSlotRow[]
  medianReadyToDeliveredMs: number | null
  shelf: ShelfAgeRow[]
  expired: ExpiredWeek[]
  webhook: WebhookBucket[]
}

/** How long ready holds have waited, in bands around the 7-day pickup period (HOLD-EXPIRE). */
export const AGE_BANDS = ['0〜1日', '2〜3日', '4〜7日', '8日以上'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export function ageBand(days: number): AgeBand {
  if (days <= 1) return '0〜1日'
  if (days <= 3) return '2〜3日'
  if (days <= 7) return '4〜7日'
  return '8日以上'
}

export async function statsReport(db: Db, period: StatsPeriod, now: number): Promise<StatsReport> {
  const range = { from: period.from, to: period.to }
  const [links, totals, channels, notices, median, ages, expired, hooks] = await Promise.all([
    linkDays(db, range),
    linkTotals(db, period.to),
    channelDays(db, range),
    noticeSlots(db, range),
    medianReadyToDelivered(db, range),
    readyHoldAges(db, now),
    expiredHoldDays(db, range),
    webhookDays(db, period.fromDate, period.toDate),
  ])
  const b = (day: string) => bucketOf(day, period.unit)
  const sum = <T>(rows: T[], pick: (r: T) => boolean, n: (r: T) => number) =>
    rows.filter(pick).reduce((a, r) => a + n(r), 0)

  // Linked at the end of the period, then back bucket by bucket.
  let linkedAtEnd = totals.linked - totals.linksSince + totals.unlinksSince
  const today = jstDate(now)
  const linkBuckets: LinkBucket[] = period.buckets.map((bucket) => {
    const of = (action: string) =>
      sum(
        links,
        (r) => b(r.day) === bucket && r.action === action,
        (r) => r.n,
      )
    return {
      bucket,
      links: of(LINK_ACTIONS.link),
      unlinks: of(LINK_ACTIONS.unlink),
      blocks: of(LINK_ACTIONS.block),
      unblocks: of(LINK_ACTIONS.unblock),
      linked: null,
    }
  })
  for (let i = linkBuckets.length - 1; i >= 0; i--) {
    const lb = linkBuckets[i]!
    lb.linked = lb.bucket <= bucketOf(today, period.unit) ? linkedAtEnd : null
    linkedAtEnd += lb.unlinks - lb.links
  }

  const channelBuckets: ChannelBucket[] = []
  for (const bucket of period.buckets)
    for (const action of Object.values(CHANNEL_ACTIONS))
      for (const channel of ['line', 'counter', 'kiosk'] as const)
        channelBuckets.push({
          bucket,
          action,
          channel,
          n: sum(
            channels,
            (r) => b(r.day) === bucket && r.action === action && r.channel === channel,
            (r) => r.n,
          ),
        })

  const places = [...new Set(ages.map((a) => a.place))]
  const shelf = places.flatMap((place) =>
    AGE_BANDS.map((age) => ({
      place,
      age,
      n: sum(
        ages,
        (a) => a.place === place && ageBand(a.days) === age,
        (a) => a.n,
      ),
    })),
  )

  const weekList = weeksOf(period.fromDate, period.toDate)
  const expiredPlaces = [...new Set(expired.map((e) => e.place))]
  const expiredWeeks = weekList.flatMap((week) =>
    expiredPlaces.map((place) => ({
      week,
      place,
      n: sum(
        expired,
        (e) => weekOf(e.day) === week && e.place === place,
        (e) => e.n,
      ),
    })),
  )

  const webhook = period.buckets.map((bucket) => {
    const rows = hooks.filter((h) => b(h.day) === bucket)
    const events = rows.reduce((a, r) => a + r.events, 0)
    const eventsFast = rows.reduce((a, r) => a + r.eventsFast, 0)
    return {
      bucket,
      requests: rows.reduce((a, r) => a + r.requests, 0),
      events,
      eventsFast,
      share: events > 0 ? eventsFast / events : null,
    }
  })

  return {
    period,
    linked: totals.linked,
    blocked: totals.blocked,
    links: linkBuckets,
    channels: channelBuckets,
    notices,
    medianReadyToDeliveredMs: median,
    shelf,
    expired: expiredWeeks,
    webhook,
  }
}

/** The instant a bucket starts, for charts with a time axis. */
export function bucketStart(bucket: string): number {
  return jstInstant(bucket.length === 7 ? `${bucket}-01` : bucket)
}
