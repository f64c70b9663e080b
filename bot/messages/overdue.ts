/**
 * The overdue notice (NOTICE-KINDS ②, NOTICE-OVERDUE): every overdue item of one patron in
 * one message, oldest due date first, with a request to return them, why it matters (an item
 * overdue cannot be renewed, RENEW-OVERDUE; long overdue blocks online use, ACC-BLOCK-OVERDUE)
 * and whom to phone.
 *
 * NOTICE-PRIVACY: the alt text depends only on the number of items.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { JstDate } from '../../core/dates.ts'
import { type Contact, dateText, phoneLine } from '../../core/messages.ts'
import { button, COLORS, separator, telUri, text, vbox } from './flex.ts'
import { itemList, type NoticeItem } from './item-list.ts'
import type { Lang } from './lang.ts'
import { liffUrl } from './liff.ts'

export interface OverdueItem extends NoticeItem {
  dueDate: JstDate
}

export interface OverdueInput {
  items: OverdueItem[]
  /** Whom to phone: the lending library, or the library-wide contact. */
  contact: Contact
  liffId: string
  /** ACC-BLOCK-OVERDUE: days past due after which online use stops. */
  longOverdueDays?: number
  lang?: Lang
}

/** NOTICE-PRIVACY: the preview, from the count alone. */
export function overdueAltText(count: number, lang: Lang = 'ja'): string {
  return lang === 'ja'
    ? `返却期限を過ぎた資料があります（${count}点）。ご返却をお願いします。`
    : `You have ${count} overdue item${count === 1 ? '' : 's'}. Please return ${count === 1 ? 'it' : 'them'}.`
}

/**
 * The request to return, agreeing with the count as the preview does (a patron walk: one
 * item was "You have 1 overdue item" above "Some items are … return them"). The Japanese
 * 「資料があります」 reads naturally for one item or many, so it does not change.
 */
function overdueBody(count: number, days: number, lang: Lang): string {
  if (lang === 'ja')
    return `返却期限を過ぎている資料があります。お早めにご返却ください。返却期限を過ぎた資料は延長できません。${days}日以上遅れると、Webサービスとアカウント連携がご利用いただけなくなります。`
  return count === 1
    ? `An item is past its due date. Please return it soon. An overdue item cannot be renewed, and once it is ${days} days overdue the online service and LINE link stop working until it is returned.`
    : `Some items are past their due date. Please return them soon. Overdue items cannot be renewed, and once an item is ${days} days overdue the online service and LINE link stop working until it is returned.`
}

export function overdueNotice(input: OverdueInput): messagingApi.FlexMessage {
  const lang = input.lang ?? 'ja'
  if (input.items.length === 0) throw new RangeError('an overdue notice needs at least one item')
  const items = [...input.items].sort((a, b) => a.dueDate.localeCompare(b.dueDate))
  const days = input.longOverdueDays ?? 60
  const phone = phoneLine(input.contact)[lang]
  const due = (item: OverdueItem) =>
    lang === 'ja' ? `返却期限 ${dateText(item.dueDate).ja}` : `due ${dateText(item.dueDate).en}`
  const body = overdueBody(items.length, days, lang)
  return {
    type: 'flex',
    altText: overdueAltText(items.length, lang),
    contents: {
      type: 'bubble',
      size: 'mega',
      header: vbox(
        [
          text(lang === 'ja' ? '返却のお願い' : 'Please return', {
            weight: 'bold',
            color: '#ffffff',
          }),
        ],
        { backgroundColor: COLORS.warn, paddingAll: 'lg' },
      ),
      body: vbox(
        [
          text(body, { size: 'sm' }),
          itemList(items, lang, due),
          separator(),
          text(lang === 'ja' ? `お問い合わせ：${phone}` : `Questions: ${phone}`, {
            size: 'xs',
            color: COLORS.sub,
            margin: 'lg',
          }),
        ],
        { spacing: 'sm' },
      ),
      footer: vbox(
        [
          button({
            type: 'uri',
            label: lang === 'ja' ? '貸出中の一覧を見る' : 'See my loans',
            uri: liffUrl(input.liffId, 'loans'),
          }),
          button(
            {
              type: 'uri',
              label: lang === 'ja' ? '電話をかける' : 'Call',
              uri: telUri(input.contact.phone),
            },
            'link',
          ),
        ],
        { spacing: 'sm' },
      ),
    },
  }
}
