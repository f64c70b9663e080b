/**
 * The chat's answer to a renew button (NOTICE-DUE-SOON): the new due date, or why not in
 * core's words (RENEW-*) with the library to phone. A Flex message, so the preview line names
 * no title (NOTICE-PRIVACY) while the bubble says which item it was.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { JstDate } from '../../core/dates.ts'
import { type Contact, dateText, phoneLine } from '../../core/messages.ts'
import type { Text } from '../../core/types.ts'
import { COLORS, row, text, vbox } from './flex.ts'
import { clip, type Lang } from './lang.ts'

export type RenewReply =
  | { ok: true; title: string; newDueDate: JstDate }
  | { ok: false; title: string | null; message: Text; contact: Contact }

export function renewReplyMessage(r: RenewReply, lang: Lang): messagingApi.FlexMessage {
  const title = r.title ? [text(clip(r.title, 60), { size: 'sm', weight: 'bold' })] : []
  if (r.ok) {
    const due = dateText(r.newDueDate)[lang]
    return {
      type: 'flex',
      altText:
        lang === 'ja' ? `延長しました。新しい返却期限は${due}です。` : `Renewed: now due ${due}.`,
      contents: {
        type: 'bubble',
        body: vbox(
          [
            text(lang === 'ja' ? '延長しました' : 'Renewed', { weight: 'bold' }),
            ...title,
            row(lang === 'ja' ? '新しい返却期限' : 'New due date', due, { color: COLORS.accent }),
          ],
          { spacing: 'md' },
        ),
      },
    }
  }
  const phone = phoneLine(r.contact)[lang]
  return {
    type: 'flex',
    altText: lang === 'ja' ? '延長できませんでした。' : 'The item could not be renewed.',
    contents: {
      type: 'bubble',
      body: vbox(
        [
          text(lang === 'ja' ? '延長できませんでした' : 'Not renewed', {
            weight: 'bold',
            color: COLORS.warn,
          }),
          ...title,
          text(r.message[lang], { size: 'sm' }),
          text(lang === 'ja' ? `お問い合わせ：${phone}` : `Questions: ${phone}`, {
            size: 'xs',
            color: COLORS.sub,
          }),
        ],
        { spacing: 'md' },
      ),
    },
  }
}
