/** Charts of circulation: actions by channel, notices by slot, the hold shelf. */
import { CHANNEL_ACTIONS } from '../../../db/line-audit.ts'
import { AGE_BANDS, type StatsReport } from '../../../db/stats/report.ts'
import { countScale, tallest } from './count-axis.ts'
import {
  ACTION,
  CHANNEL,
  CHANNEL_ORDER,
  type ChartSpec,
  NOTICE_KIND,
  OUTCOMES,
  SLOT_KIND,
  total,
} from './labels.ts'
import { bucketDate, drawChart, Plot } from './svg.ts'

const ACTIONS = Object.values(CHANNEL_ACTIONS)

export const channelsChart: ChartSpec = {
  id: 'channels',
  title: '貸出延長・予約・予約取消（窓口別）',
  summary: (r) =>
    ACTIONS.map(
      (a) =>
        `${ACTION[a]}：${CHANNEL_ORDER.map(
          (ch) =>
            `${CHANNEL[ch]} ${total(r.channels.filter((c) => c.action === a && c.channel === ch).map((c) => c.n))}件`,
        ).join('、')}`,
    ).join('。'),
  table: (r) => ({
    columns: ['期間', '操作', '窓口', '件数'],
    rows: r.channels.map((c) => [c.bucket, ACTION[c.action] ?? c.action, CHANNEL[c.channel], c.n]),
  }),
  draw: (r) => {
    const data = r.channels.map((c) => ({
      x: bucketDate(c.bucket),
      action: ACTION[c.action],
      channel: CHANNEL[c.channel],
      n: c.n,
    }))
    return drawChart(
      {
        height: 420,
        marginRight: 80,
        x: { type: 'utc', label: null, tickFormat: r.period.unit === 'day' ? '%-m/%-d' : '%Y/%-m' },
        y: countScale(
          tallest(
            data,
            (d) => `${d.x.getTime()}|${d.action}`,
            (d) => d.n,
          ),
          '件数',
        ),
        fy: { label: null, domain: ACTIONS.map((a) => ACTION[a]) },
        color: { legend: true, domain: CHANNEL_ORDER.map((c) => CHANNEL[c]) },
        marks: [
          Plot.rectY(data, {
            x: 'x',
            y: 'n',
            fy: 'action',
            fill: 'channel',
            interval: r.period.unit,
            inset: 0.5,
          }),
          Plot.ruleY([0]),
        ],
      },
      `貸出延長・予約・予約取消の件数を窓口別に（${r.period.label}）`,
    )
  },
}

const slotLabel = (slot: string, slotKind: string) => `${slot} ${SLOT_KIND[slotKind] ?? slotKind}`

export const noticesChart: ChartSpec = {
  id: 'notices',
  title: 'お知らせの送信結果（便・種類別）',
  summary: (r) => {
    const n = (f: (x: StatsReport['notices'][number]) => number) => total(r.notices.map(f))
    return `期間中のお知らせ：送信済み${n((x) => x.sent)}件、送信失敗${n((x) => x.failed)}件、届かない（ブロック等）${n((x) => x.undeliverable)}件、送信待ち${n((x) => x.waiting)}件、再試行あり${n((x) => x.retried)}件。`
  },
  table: (r) => ({
    columns: ['便', '種類', ...OUTCOMES],
    rows: r.notices.map((x) => [
      slotLabel(x.slot, x.slotKind),
      NOTICE_KIND[x.kind] ?? x.kind,
      x.sent,
      x.failed,
      x.undeliverable,
      x.waiting,
      x.retried,
    ]),
  }),
  draw: (r) => {
    const data = r.notices.flatMap((x) =>
      [x.sent, x.failed, x.undeliverable, x.waiting, x.retried].map((n, i) => ({
        slot: slotLabel(x.slot, x.slotKind),
        kind: NOTICE_KIND[x.kind] ?? x.kind,
        outcome: OUTCOMES[i],
        n,
      })),
    )
    return drawChart(
      {
        height: 320,
        marginRight: 100,
        x: { axis: null, domain: [...OUTCOMES] },
        fx: { label: null },
        fy: { label: null },
        y: countScale(Math.max(0, ...data.map((d) => d.n)), '件数'),
        color: { legend: true, domain: [...OUTCOMES] },
        marks: [
          Plot.barY(data, { x: 'outcome', y: 'n', fx: 'slot', fy: 'kind', fill: 'outcome' }),
          Plot.ruleY([0]),
        ],
      },
      `お知らせの送信結果を便と種類別に（${r.period.label}）`,
    )
  },
}

export const shelfChart: ChartSpec = {
  id: 'shelf',
  title: '予約棚：確保中の予約の経過日数（受取場所別・現在）',
  summary: (r) =>
    r.shelf.length
      ? AGE_BANDS.map(
          (a) => `${a} ${total(r.shelf.filter((s) => s.age === a).map((s) => s.n))}件`,
        ).join('、')
      : '確保中の予約はありません。',
  table: (r) => ({
    columns: ['受取場所', '確保からの日数', '件数'],
    rows: r.shelf.map((s) => [s.place, s.age, s.n]),
  }),
  draw: (r) =>
    drawChart(
      {
        height: 60 + 32 * Math.max(1, new Set(r.shelf.map((s) => s.place)).size),
        marginLeft: 130,
        x: countScale(
          tallest(
            r.shelf,
            (s) => s.place,
            (s) => s.n,
          ),
          '件数',
        ),
        y: { label: null },
        color: { legend: true, domain: [...AGE_BANDS], scheme: 'YlOrRd' },
        marks: [Plot.barX(r.shelf, { y: 'place', x: 'n', fill: 'age' }), Plot.ruleX([0])],
      },
      '確保中の予約の経過日数を受取場所別に（現在）',
    ),
}

export const expiredChart: ChartSpec = {
  id: 'expired',
  title: '受取期限切れの予約（週・受取場所別）',
  summary: (r) => `期間中に受取期限切れになった予約は${total(r.expired.map((e) => e.n))}件です。`,
  table: (r) => ({
    columns: ['週（月曜日から）', '受取場所', '件数'],
    rows: r.expired.map((e) => [e.week, e.place, e.n]),
  }),
  draw: (r) =>
    drawChart(
      {
        height: 240,
        x: { type: 'utc', label: null, tickFormat: '%-m/%-d' },
        y: countScale(
          tallest(
            r.expired,
            (e) => e.week,
            (e) => e.n,
          ),
          '件数',
        ),
        // Categorical even with no data: an empty continuous legend would need a canvas.
        color: { legend: true, type: 'categorical' },
        marks: [
          Plot.rectY(
            r.expired.map((e) => ({ ...e, x: bucketDate(e.week) })),
            { x: 'x', y: 'n', fill: 'place', interval: 'monday', inset: 0.5 },
          ),
          Plot.ruleY([0]),
        ],
      },
      `受取期限切れの予約の件数を週と受取場所別に（${r.period.label}）`,
    ),
}
