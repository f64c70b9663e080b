/**
 * The list of items inside a notice: title (and author, small), at most ITEMS_SHOWN of them,
 * then 「ほか N 点」. Titles are cut to a length a phone shows in two lines, so a bubble stays
 * far below LINE's 30 KB whatever the catalogue holds.
 */
import type { messagingApi } from '@line/bot-sdk'
import { COLORS, text, vbox } from './flex.ts'
import { clip, type Lang } from './lang.ts'

export interface NoticeItem {
  title: string
  author?: string | null
}

export const ITEMS_SHOWN = 8
export const TITLE_MAX = 60
export const AUTHOR_MAX = 30

/** 「ほか 3 点」 / "and 3 more". */
export function moreText(n: number, lang: Lang): string {
  return lang === 'ja' ? `ほか ${n} 点` : `and ${n} more`
}

function itemBox(item: NoticeItem, extra: string | null): messagingApi.FlexBox {
  const title = clip(item.title, TITLE_MAX) || '—'
  const lines: messagingApi.FlexComponent[] = [
    text(title, { size: 'sm', weight: 'bold', maxLines: 2 }),
  ]
  const author = item.author ? clip(item.author, AUTHOR_MAX) : ''
  const sub = [author, extra].filter(Boolean).join(' ・ ')
  if (sub) lines.push(text(sub, { size: 'xs', color: COLORS.sub, maxLines: 1 }))
  return vbox(lines, { spacing: 'none' })
}

/** A vertical list of items; `extra` adds a per-item note such as the due date. */
export function itemList<T extends NoticeItem>(
  items: T[],
  lang: Lang,
  extra: (item: T) => string | null = () => null,
): messagingApi.FlexBox {
  const shown: messagingApi.FlexComponent[] = items
    .slice(0, ITEMS_SHOWN)
    .map((item) => itemBox(item, extra(item)))
  const rest = items.length - Math.min(items.length, ITEMS_SHOWN)
  if (rest > 0) shown.push(text(moreText(rest, lang), { size: 'sm', color: COLORS.sub }))
  return vbox(shown, { spacing: 'md', margin: 'lg' })
}
