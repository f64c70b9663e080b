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
  /** Adds up `n` per key in one pass, so folding a year of days stays linear. */
  const tally = <T>(rows: readonly T[], key: (r: T) => string, n: (r: T) => number) => {
    const m = new Map<string, number>()
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + n(r))
    return (k: string) => m.get(k) ?? 0
  }

  // Linked at the end of the period, then back bucket by bucket.
  const linkCount = tally(
    links,
    (r) => `${b(r.day)}|${r.action}`,
    (r) => r.n,
  )
  let linkedAtEnd = totals.linked - totals.linksSince + totals.unlinksSince
  const current = bucketOf(jstDate(now), period.unit)
  const linkBuckets: LinkBucket[] = period.buckets.map((bucket) => ({
    bucket,
    links: linkCount(`${bucket}|${LINK_ACTIONS.link}`),
    unlinks: linkCount(`${bucket}|${LINK_ACTIONS.unlink}`),
    blocks: linkCount(`${bucket}|${LINK_ACTIONS.block}`),
    unblocks: linkCount(`${bucket}|${LINK_ACTIONS.unblock}`),
    linked: null,
  }))
  for (let i = linkBuckets.length - 1; i >= 0; i--) {
    const lb = linkBuckets[i]!
    lb.linked = lb.bucket <= current ? linkedAtEnd : null
    linkedAtEnd += lb.unlinks - lb.links
  }

  const channelCount = tally(
    channels,
    (r) => `${b(r.day)}|${r.action}|${r.channel}`,
    (r) => r.n,
  )
  const channelBuckets: ChannelBucket[] = period.buckets.flatMap((bucket) =>
    Object.values(CHANNEL_ACTIONS).flatMap((action) =>
      (['line', 'counter', 'kiosk'] as const).map((channel) => ({
        bucket,
        action,
        channel,
        n: channelCount(`${bucket}|${action}|${channel}`),
      })),
    ),
  )

  const ageCount = tally(
    ages,
    (a) => `${a.place}|${ageBand(a.days)}`,
    (a) => a.n,
  )
  const shelf = [...new Set(ages.map((a) => a.place))].flatMap((place) =>
    AGE_BANDS.map((age) => ({ place, age, n: ageCount(`${place}|${age}`) })),
  )

  const weekStart = new Map<string, string>()
  const weekKey = (day: string) => {
    const known = weekStart.get(day)
    if (known !== undefined) return known
    const w = weekOf(day)
    weekStart.set(day, w)
    return w
  }
  const expiredCount = tally(
    expired,
    (e) => `${weekKey(e.day)}|${e.place}`,
    (e) => e.n,
  )
  const expiredPlaces = [...new Set(expired.map((e) => e.place))]
  const expiredWeeks = weeksOf(period.fromDate, period.toDate).flatMap((week) =>
    expiredPlaces.map((place) => ({ week, place, n: expiredCount(`${week}|${place}`) })),
  )

  const hook = (f: (h: (typeof hooks)[number]) => number) => tally(hooks, (h) => b(h.day), f)
  const [requests, events, eventsFast] = [
    hook((h) => h.requests),
    hook((h) => h.events),
    hook((h) => h.eventsFast),
  ]
  const webhook = period.buckets.map((bucket) => ({
    bucket,
    requests: requests(bucket),
    events: events(bucket),
    eventsFast: eventsFast(bucket),
    share: events(bucket) > 0 ? eventsFast(bucket) / events(bucket) : null,
  }))

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
