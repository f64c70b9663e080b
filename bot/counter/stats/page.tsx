/**
 * /counter/stats (issue 20): the library's own numbers for staff, one chart per question with
 * its sentence, its table and a CSV link beside it. Counts only: no title or patron appears.
 * Behind the counter's session like every page here.
 */
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { StatsPeriod } from '../../../core/index.ts'
import { type StatsReport, statsReport } from '../../../db/stats/report.ts'
import type { Counter, CounterEnv } from '../context.ts'
import { page } from '../render.tsx'
import { COUNTER_PATH } from '../session.ts'
import { Message } from '../views/frame.tsx'
import { CHARTS, chartById, FRONT_CHARTS } from './charts.ts'
import { toCsv } from './csv.ts'
import type { ChartSpec } from './labels.ts'
import { fiscalYearsOffered, PERIOD_NAME, periodFromQuery } from './period-query.ts'

export const STATS_PATH = `${COUNTER_PATH}/stats`

export function statsRoutes(k: Counter): Hono<CounterEnv> {
  const app = new Hono<CounterEnv>()
  const charts = k.front ? FRONT_CHARTS : CHARTS

  app.get('/stats', async (c) => {
    const now = k.now()
    const q = periodFromQuery({ period: c.req.query('period'), fy: c.req.query('fy') }, now)
    const report = q.ok ? await statsReport(k.db, q.period, now) : null
    return page(c, k, {
      title: '統計',
      nav: 'stats',
      status: q.ok ? 200 : 400,
      body: (
        <>
          <PeriodForm now={now} period={q.ok ? q.period : null} />
          {q.ok ? null : <Message kind="error">{q.message}</Message>}
          {report ? <Report r={report} charts={charts} front={k.front} /> : null}
        </>
      ),
    })
  })

  app.get('/stats.csv', async (c) => {
    const chart = chartById(charts, c.req.query('chart') ?? '')
    const now = k.now()
    const q = periodFromQuery({ period: c.req.query('period'), fy: c.req.query('fy') }, now)
    if (!chart) return c.text('その表はありません。統計の画面から CSV を選んでください。', 404)
    if (!q.ok) return c.text(q.message, 400)
    const csv = toCsv(chart.table(await statsReport(k.db, q.period, now)))
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bunko-${chart.id}-${periodSlug(q.period)}.csv"`,
    })
  })
  return app
}

const periodSlug = (p: StatsPeriod) => (p.kind === 'fy' ? `fy${p.fiscalYear}` : p.kind)

function periodQuery(p: StatsPeriod): string {
  return p.kind === 'fy' ? `period=fy&fy=${p.fiscalYear}` : `period=${p.kind}`
}

function PeriodForm(p: { now: number; period: StatsPeriod | null }) {
  const kind = p.period?.kind ?? '30d'
  return (
    <form method="get" action={STATS_PATH} class="filters">
      <label for="stats-period">
        期間
        <select id="stats-period" name="period">
          {(Object.keys(PERIOD_NAME) as (keyof typeof PERIOD_NAME)[]).map((k) => (
            <option value={k} selected={k === kind}>
              {PERIOD_NAME[k]}
            </option>
          ))}
        </select>
      </label>
      <label for="stats-fy">
        年度（「年度」を選んだとき）
        <select id="stats-fy" name="fy">
          {fiscalYearsOffered(p.now).map((y) => (
            <option value={String(y)} selected={p.period?.fiscalYear === y}>
              {y}年度
            </option>
          ))}
        </select>
      </label>
      <button type="submit">表示する</button>
    </form>
  )
}

/**
 * In front mode the time from a hold set aside to its notice is not known (SIP2 gives no
 * ready time; the notice is made when the poll finds the hold), so that figure is left out.
 */
function Report({
  r,
  charts,
  front,
}: {
  r: StatsReport
  charts: readonly ChartSpec[]
  front: boolean
}) {
  const median = r.medianReadyToDeliveredMs
  return (
    <>
      <p>
        {r.period.label}（{r.period.fromDate}〜{r.period.toDate}、日本時間）の集計です。
        利用者や資料は表示しません。
      </p>
      <dl class="stats-figures">
        <div>
          <dt>LINE 連携数（現在）</dt>
          <dd data-figure="linked">{r.linked}人</dd>
        </div>
        <div>
          <dt>うちブロック中</dt>
          <dd data-figure="blocked">{r.blocked}人</dd>
        </div>
        {front ? null : (
          <div>
            <dt>予約確保からお知らせが届くまで（中央値）</dt>
            <dd data-figure="median">{median === null ? '—' : durationJa(median)}</dd>
          </div>
        )}
      </dl>
      {charts.map((chart) => (
        <Chart chart={chart} r={r} />
      ))}
    </>
  )
}

function Chart({ chart, r }: { chart: ChartSpec; r: StatsReport }) {
  const table = chart.table(r)
  const h = `chart-${chart.id}`
  return (
    <section class="stats-chart" aria-labelledby={h} data-chart={chart.id}>
      <div class="stats-head">
        <h2 id={h}>{chart.title}</h2>
        <a href={`${STATS_PATH}.csv?chart=${chart.id}&${periodQuery(r.period)}`} download>
          CSV<span class="visually-hidden">（{chart.title}）</span>
        </a>
      </div>
      <p class="stats-summary">{chart.summary(r)}</p>
      <div class="stats-svg">{raw(chart.draw(r))}</div>
      <details>
        <summary>数値の表</summary>
        <div class="stats-table">
          <table>
            <caption class="visually-hidden">{chart.title}</caption>
            <thead>
              <tr>
                {table.columns.map((col) => (
                  <th scope="col">{col}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr>
                  {row.map((cell) => (
                    <td>{cell ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  )
}

/** 2時間5分, 45分, 30秒. */
function durationJa(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return `${Math.round(ms / 1000)}秒`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h ? `${h}時間${m ? `${m}分` : ''}` : `${m}分`
}
