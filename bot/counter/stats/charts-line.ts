/** Charts over time: LINE links, their changes, and webhook events answered in time. */
import type { StatsReport } from '../../../db/stats/report.ts'
import { countScale } from './count-axis.ts'
import { type ChartSpec, total } from './labels.ts'
import { bucketDate, drawChart, Plot } from './svg.ts'

/** The period as an x domain, first bucket to the end of the last. */
function xDomain(r: StatsReport): [Date, Date] {
  const first = r.period.buckets[0] ?? r.period.fromDate
  const end = bucketDate(r.period.toDate)
  end.setUTCDate(end.getUTCDate() + 1)
  return [bucketDate(first), end]
}

const xAxis = (r: StatsReport) => ({
  type: 'utc' as const,
  domain: xDomain(r),
  label: null,
  tickFormat: r.period.unit === 'day' ? '%-m/%-d' : '%Y/%-m',
})

export const linkedChart: ChartSpec = {
  id: 'linked',
  title: 'LINE 連携数の推移',
  summary: (r) =>
    `現在の連携数は${r.linked}人、うち${r.blocked}人が公式アカウントをブロック中です。期間中の新規連携は${total(r.links.map((l) => l.links))}件、連携解除は${total(r.links.map((l) => l.unlinks))}件でした。`,
  table: (r) => ({
    columns: ['期間', '連携数（期末）'],
    rows: r.links.map((l) => [l.bucket, l.linked]),
  }),
  draw: (r) => {
    const data = r.links
      .filter((l) => l.linked !== null)
      .map((l) => ({ x: bucketDate(l.bucket), y: l.linked }))
    return drawChart(
      {
        height: 220,
        x: xAxis(r),
        y: countScale(Math.max(0, ...data.map((d) => d.y ?? 0)), '連携数（人）'),
        marks: [
          Plot.lineY(data, { x: 'x', y: 'y', curve: 'step-after' }),
          Plot.dot(data, { x: 'x', y: 'y', r: 2 }),
        ],
      },
      `LINE 連携数の推移（${r.period.label}）`,
    )
  },
}

const LINK_KINDS = ['新規連携', '連携解除', 'ブロック', 'ブロック解除'] as const

export const linkEventsChart: ChartSpec = {
  id: 'link-events',
  title: '連携・連携解除・ブロック',
  summary: (r) =>
    `期間中の新規連携${total(r.links.map((l) => l.links))}件、連携解除${total(r.links.map((l) => l.unlinks))}件、ブロック${total(r.links.map((l) => l.blocks))}件、ブロック解除${total(r.links.map((l) => l.unblocks))}件。`,
  table: (r) => ({
    columns: ['期間', ...LINK_KINDS],
    rows: r.links.map((l) => [l.bucket, l.links, l.unlinks, l.blocks, l.unblocks]),
  }),
  draw: (r) => {
    const data = r.links.flatMap((l) =>
      [l.links, l.unlinks, l.blocks, l.unblocks].map((n, i) => ({
        x: bucketDate(l.bucket),
        kind: LINK_KINDS[i],
        n,
      })),
    )
    return drawChart(
      {
        height: 240,
        x: xAxis(r),
        y: countScale(Math.max(0, ...data.map((d) => d.n)), '件数'),
        color: { legend: true, domain: [...LINK_KINDS] },
        marks: [
          Plot.lineY(data, { x: 'x', y: 'n', stroke: 'kind' }),
          Plot.dot(data, { x: 'x', y: 'n', fill: 'kind', r: 2 }),
        ],
      },
      `連携・連携解除・ブロックの件数（${r.period.label}）`,
    )
  },
}

export const webhookChart: ChartSpec = {
  id: 'webhook',
  title: 'LINE からのイベントと 2 秒以内の応答',
  summary: (r) => {
    const events = total(r.webhook.map((w) => w.events))
    const fast = total(r.webhook.map((w) => w.eventsFast))
    return events
      ? `期間中のイベント${events}件のうち${fast}件（${percent(fast / events)}%）に 2 秒以内に応答しました。`
      : '期間中のイベントはありません。'
  },
  table: (r) => ({
    columns: ['期間', 'リクエスト', 'イベント', '2秒以内に応答したイベント', '2秒以内の割合（%）'],
    rows: r.webhook.map((w) => [
      w.bucket,
      w.requests,
      w.events,
      w.eventsFast,
      w.share === null ? null : percent(w.share),
    ]),
  }),
  draw: (r) => {
    const data = r.webhook.flatMap((w) => [
      { x: bucketDate(w.bucket), kind: '2秒以内', n: w.eventsFast },
      { x: bucketDate(w.bucket), kind: '2秒超', n: w.events - w.eventsFast },
    ])
    return drawChart(
      {
        height: 240,
        x: xAxis(r),
        y: countScale(Math.max(0, ...r.webhook.map((w) => w.events)), 'イベント数'),
        color: { legend: true, domain: ['2秒以内', '2秒超'], range: ['#4269d0', '#ff725c'] },
        marks: [
          Plot.rectY(data, { x: 'x', y: 'n', fill: 'kind', interval: r.period.unit, inset: 0.5 }),
          Plot.ruleY([0]),
        ],
      },
      `LINE からのイベント数と 2 秒以内の応答（${r.period.label}）`,
    )
  },
}

/** A share as a percentage with one decimal. */
export const percent = (share: number) => Math.round(share * 1000) / 10
