/**
 * The due-soon reminder (NOTICE-DUE-SOON): everything due on one date in one message, a renew
 * button for each item that can be renewed now (a postback that renews in the chat), and for
 * each that cannot, core's sentence saying why (RENEW-*).
 *
 * NOTICE-PRIVACY: the alt text names the date and the count, never a title.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { JstDate } from '../../core/dates.ts'
import { type Contact, dateText, phoneLine } from '../../core/messages.ts'
import type { Text } from '../../core/types.ts'
import { postbackData } from '../richmenu/postback.ts'
import { button, COLORS, separator, text, vbox } from './flex.ts'
import { itemList, type NoticeItem } from './item-list.ts'
import { clip, type Lang } from './lang.ts'
import { liffUrl } from './liff.ts'

/** At most this many renew buttons; the rest are renewed from the loan list. */
export const RENEW_BUTTONS_MAX = 4

export interface DueSoonItem extends NoticeItem {
  loanId: number
  /** Renewable now (true), not renewable with core's sentence, or unknown (system down). */
  renew: { ok: true } | { ok: false; message: Text } | null
}

export interface DueSoonInput {
  dueDate: JstDate
  items: DueSoonItem[]
  contact: Contact
  liffId: string
  lang?: Lang
}

/** NOTICE-PRIVACY: the preview, from the date and count alone. */
export function dueSoonAltText(dueDate: JstDate, count: number, lang: Lang = 'ja'): string {
  const d = dateText(dueDate)
  return lang === 'ja'
    ? `${d.ja}が返却期限の資料があります（${count}点）。`
    : `${count} item${count === 1 ? ' is' : 's are'} due on ${d.en}.`
}

/** The postback a renew button sends: `action=renew&loan=<id>`. */
export function renewPostback(loanId: number): string {
  return postbackData('renew', { loan: String(loanId) })
}

function refusals(items: DueSoonItem[], lang: Lang): messagingApi.FlexComponent[] {
  const out: messagingApi.FlexComponent[] = []
  for (const item of items) {
    if (!item.renew || item.renew.ok) continue
    out.push(
      text(`${clip(item.title, 30)}：${item.renew.message[lang]}`, { size: 'sm', margin: 'md' }),
    )
  }
  if (items.some((i) => i.renew === null))
    out.push(
      text(
        lang === 'ja'
          ? '延長できるかどうかは、貸出中の一覧でご確認ください。'
          : 'Please check in your loan list whether they can be renewed.',
        { size: 'sm', margin: 'md' },
      ),
    )
  return out
}

export function dueSoonNotice(input: DueSoonInput): messagingApi.FlexMessage {
  const lang = input.lang ?? 'ja'
  if (input.items.length === 0) throw new RangeError('a due-soon notice needs at least one item')
  const due = dateText(input.dueDate)[lang]
  const renewable = input.items.filter((i) => i.renew?.ok)
  const buttons = renewable.slice(0, RENEW_BUTTONS_MAX).map((i) =>
    button(
      {
        type: 'postback',
        label: `${lang === 'ja' ? '延長する' : 'Renew'}：${clip(i.title, 12)}`,
        data: renewPostback(i.loanId),
        displayText: lang === 'ja' ? '延長する' : 'Renew',
      },
      'secondary',
    ),
  )
  const lead: Text = {
    ja: `${due}が返却期限の資料があります。延長できる資料は、下のボタンから延長できます。`,
    en: `These items are due on ${due}. You can renew the ones that allow it with the buttons below.`,
  }
  return {
    type: 'flex',
    altText: dueSoonAltText(input.dueDate, input.items.length, lang),
    contents: {
      type: 'bubble',
      size: 'mega',
      header: vbox(
        [
          text(lang === 'ja' ? '返却期限が近づいています' : 'Due soon', {
            weight: 'bold',
            color: '#ffffff',
          }),
        ],
        { backgroundColor: COLORS.accent, paddingAll: 'lg' },
      ),
      body: vbox(
        [
          text(lead[lang], { size: 'sm' }),
          itemList(input.items, lang),
          ...refusals(input.items, lang),
          separator(),
          text(
            lang === 'ja'
              ? `お問い合わせ：${phoneLine(input.contact).ja}`
              : `Questions: ${phoneLine(input.contact).en}`,
            { size: 'xs', color: COLORS.sub, margin: 'lg' },
          ),
        ],
        { spacing: 'sm' },
      ),
      footer: vbox(
        [
          ...buttons,
          button(
            {
              type: 'uri',
              label: lang === 'ja' ? '貸出中の一覧を見る' : 'See my loans',
              uri: liffUrl(input.liffId, 'loans'),
            },
            'link',
          ),
        ],
        { spacing: 'sm' },
      ),
    },
  }
}
