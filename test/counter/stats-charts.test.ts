/**
 * The statistics charts' count axes, drawn without a browser: whole numbers only, and a series
 * that is all zero draws no bars over a 0–1 axis (Plot alone filled an empty [0, 0] domain with
 * full-height bars and labelled it 「0.000000」).
 */
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import { CHARTS } from '../../bot/counter/stats/charts.ts'
import { statsPeriod } from '../../core/index.ts'
import { AGE_BANDS, type StatsReport } from '../../db/stats/report.ts'
import { NOW } from './fixture.ts'

/** A 30-day report whose every count is `n(i)`, i counting the rows of each series. */
function report(n: (i: number) => number): StatsReport {
  const period = statsPeriod('30d', NOW)
  const actions = ['loan.renew', 'hold.place', 'hold.cancel'] as const
  const channels = ['line', 'counter', 'kiosk'] as const
  return {
    period,
    linked: n(0),
    blocked: 0,
    links: period.buckets.map((bucket, i) => ({
      bucket,
      links: n(i),
      unlinks: n(i),
      blocks: n(i),
      unblocks: n(i),
      linked: n(i),
    })),
    channels: period.buckets.flatMap((bucket, i) =>
      actions.flatMap((action) =>
        channels.map((channel) => ({ bucket, action, channel, n: n(i) })),
      ),
    ),
    notices: [
      { slot: '09:00', slotKind: 'standard', kind: 'hold_ready', ...outcomes(n(0)) },
      { slot: '09:00', slotKind: 'standard', kind: 'overdue', ...outcomes(n(1)) },
    ],
    medianReadyToDeliveredMs: null,
    shelf: AGE_BANDS.map((age, i) => ({ place: '中央図書館', age, n: n(i) })),
    expired: ['2026-05-18', '2026-05-25', '2026-06-01', '2026-06-08'].map((week, i) => ({
      week,
      place: '中央図書館',
      n: n(i),
    })),
    webhook: period.buckets.map((bucket, i) => ({
      bucket,
      requests: n(i),
      events: n(i),
      eventsFast: n(i),
      share: null,
    })),
  }
}

const outcomes = (n: number) => ({ sent: n, failed: n, undeliverable: n, waiting: n, retried: n })

/** The main SVG's words (tick labels among them; legends are outside it) and its bars' sizes. */
function read(svgMarkup: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${svgMarkup}</body></html>`)
  const svg = document.querySelector('svg[role="img"]')!
  const ticks = [...svg.querySelectorAll('text')].map((t) => t.textContent?.trim() ?? '')
  const bars = [...svg.querySelectorAll('rect')].map((r) =>
    Math.min(Number(r.getAttribute('width') ?? 0), Number(r.getAttribute('height') ?? 0)),
  )
  return { ticks, bars }
}

describe('statistics charts: count axes', () => {
  it('an all-zero series draws no bars and labels its axis 0 and 1, in every chart', () => {
    const r = report(() => 0)
    for (const chart of CHARTS) {
      const { ticks, bars } = read(chart.draw(r))
      expect(ticks.join(' '), chart.id).not.toMatch(/\d\.\d/)
      expect(ticks, chart.id).toContain('0')
      expect(ticks, chart.id).toContain('1')
      expect(
        bars.every((size) => size === 0),
        chart.id,
      ).toBe(true)
    }
  })

  it('small and large counts are labelled in whole numbers, never long decimals', () => {
    for (const n of [(i: number) => i % 4, (i: number) => 1234 * (i % 3)]) {
      for (const chart of CHARTS) {
        const { ticks } = read(chart.draw(report(n)))
        expect(ticks.join(' '), chart.id).not.toMatch(/\d\.\d/)
      }
    }
  })
})
