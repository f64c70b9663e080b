/**
 * ACC-FAMILY: a notice for one card of a LINE account that links several says whose card it
 * is — in the preview (「花子さんのご予約…」) and at the top of every bubble — and still names
 * no title in the preview (NOTICE-PRIVACY). The builders stay as they are; this adds the name.
 */
import type { messagingApi } from '@line/bot-sdk'
import { holderOf } from '../../core/family.ts'
import { COLORS, text } from './flex.ts'
import type { Lang } from './lang.ts'

export type NamedNoticeKind = 'hold_ready' | 'overdue' | 'other'

/** The preview for `holder`'s notice of `count` items, from the count and the name alone. */
export function familyAltText(
  kind: NamedNoticeKind,
  name: string,
  count: number,
  lang: Lang,
  fallback: string,
): string {
  const who = holderOf(name)[lang]
  if (kind === 'hold_ready')
    return lang === 'ja'
      ? `${who}のご予約の資料がご用意できました（${count}点）。受け取りの期限をご確認ください。`
      : `${who}'s reserved items are ready to collect (${count}). Please check the pickup date.`
  if (kind === 'overdue')
    return lang === 'ja'
      ? `${who}の返却期限を過ぎた資料があります（${count}点）。ご返却をお願いします。`
      : `${who} has ${count} overdue item${count === 1 ? '' : 's'}. Please return ${count === 1 ? 'it' : 'them'}.`
  return lang === 'ja' ? `【${who}】${fallback}` : `[${who}] ${fallback}`
}

/** `message` with its preview and every bubble naming whose card it is for. */
export function forCardHolder(
  message: messagingApi.FlexMessage,
  input: { kind: NamedNoticeKind; name: string; count: number; lang: Lang },
): messagingApi.FlexMessage {
  const { kind, name, count, lang } = input
  const line = text(
    lang === 'ja' ? `${holderOf(name).ja}のカード` : `${holderOf(name).en}'s card`,
    {
      weight: 'bold',
      size: 'sm',
      color: COLORS.sub,
    },
  )
  const named = (bubble: messagingApi.FlexBubble): messagingApi.FlexBubble =>
    bubble.body
      ? { ...bubble, body: { ...bubble.body, contents: [line, ...bubble.body.contents] } }
      : bubble
  const contents =
    message.contents.type === 'carousel'
      ? { ...message.contents, contents: message.contents.contents.map(named) }
      : named(message.contents)
  return {
    ...message,
    altText: familyAltText(kind, name, count, lang, message.altText),
    contents,
  }
}
