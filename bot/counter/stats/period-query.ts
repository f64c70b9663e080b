/**
 * The period in the page's query: `period` = 7d | 30d | 12m | fy (default 30d) and, for fy,
 * `fy` = the fiscal year's first calendar year (default the current one). Anything else is
 * refused with a sentence, never guessed.
 */
import {
  fiscalYearOf,
  jstDate,
  PERIOD_KINDS,
  type PeriodKind,
  type StatsPeriod,
  statsPeriod,
} from '../../../core/index.ts'

/** How many fiscal years back the page offers (and accepts). */
export const FISCAL_YEARS_BACK = 5

export function fiscalYearsOffered(now: number): number[] {
  const current = fiscalYearOf(jstDate(now))
  return Array.from({ length: FISCAL_YEARS_BACK + 1 }, (_, i) => current - i)
}

export type PeriodQuery = { ok: true; period: StatsPeriod } | { ok: false; message: string }

export function periodFromQuery(
  q: { period?: string | undefined; fy?: string | undefined },
  now: number,
): PeriodQuery {
  const kind = (q.period ?? '30d') as PeriodKind
  if (!PERIOD_KINDS.includes(kind))
    return { ok: false, message: '期間の指定が正しくありません。下の一覧から選び直してください。' }
  if (kind !== 'fy') return { ok: true, period: statsPeriod(kind, now) }
  const years = fiscalYearsOffered(now)
  const fy = q.fy === undefined || q.fy === '' ? years[0] : Number(q.fy)
  if (fy === undefined || !years.includes(fy))
    return {
      ok: false,
      message: `年度は${years.at(-1)}年度から${years[0]}年度の間で選んでください。`,
    }
  return { ok: true, period: statsPeriod('fy', now, fy) }
}

export const PERIOD_NAME: Record<PeriodKind, string> = {
  '7d': '直近7日',
  '30d': '直近30日',
  '12m': '直近12か月',
  fy: '年度（4月〜3月）',
}
