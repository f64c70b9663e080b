/** Dates as written to a patron, in the current language (core/dates.ts does the writing). */
import { formatDateEn, formatDateJa } from '../../core/dates.ts'
import { t } from './i18n/index.ts'

export function date(d: string): string {
  return t.date === 'en' ? formatDateEn(d) : formatDateJa(d)
}

/** `tel:` target for a number as written in the guide (`050-7105-8141`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`
}

/** `7月1日` / `Wed 1 Jul`: a day within the next few months, as the suspension shows it. */
export function shortDate(d: string): string {
  const [, m, day] = d.split('-').map(Number)
  if (t.date !== 'en') return `${m}月${day}日`
  return formatDateEn(d).split(' ').slice(0, 3).join(' ')
}
