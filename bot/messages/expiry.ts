/**
 * The registration-expiry notice (NOTICE-EXPIRY): the last valid day, and how and where to
 * renew the registration (core's EXPIRY_RENEW_HOW), with the library to phone.
 *
 * NOTICE-PRIVACY: nothing in it is a reading record; the alt text names only the date.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { JstDate } from '../../core/dates.ts'
import { holderOf } from '../../core/family.ts'
import { type Contact, dateText, phoneLine } from '../../core/messages.ts'
import { EXPIRY_RENEW_HOW } from '../../core/notice-reminders.ts'
import { button, COLORS, row, separator, telUri, text, vbox } from './flex.ts'
import type { Lang } from './lang.ts'

export interface ExpiryInput {
  expiresOn: JstDate
  contact: Contact
  lang?: Lang
  /**
   * ACC-FAMILY: the card holder's name when the LINE account links several cards, so the
   * notice says whose registration it is instead of "your" (notices name every card then).
   */
  holder?: string
}

export function expiryAltText(expiresOn: JstDate, lang: Lang = 'ja', holder?: string): string {
  const d = dateText(expiresOn)
  if (holder) {
    const who = holderOf(holder)
    return lang === 'ja'
      ? `${who.ja}の図書館の利用者登録の有効期限（${d.ja}）が近づいています。`
      : `${who.en}'s library registration expires on ${d.en}.`
  }
  return lang === 'ja'
    ? `図書館の利用者登録の有効期限（${d.ja}）が近づいています。`
    : `Your library registration expires on ${d.en}.`
}

export function expiryNotice(input: ExpiryInput): messagingApi.FlexMessage {
  const lang = input.lang ?? 'ja'
  const d = dateText(input.expiresOn)[lang]
  const who = input.holder ? holderOf(input.holder)[lang] : null
  const lead =
    lang === 'ja'
      ? `${who ? `${who}の` : ''}利用者登録の有効期限は${d}までです。期限を過ぎると、${who ? 'このカードでは' : ''}貸出・予約やLINEでのサービスがご利用いただけなくなります。`
      : `${who ? `${who}'s` : 'Your'} registration is valid until ${d}. After that, borrowing, holds and the LINE service stop working${who ? ' for that card' : ''}.`
  const phone = phoneLine(input.contact)[lang]
  return {
    type: 'flex',
    altText: expiryAltText(input.expiresOn, lang, input.holder),
    contents: {
      type: 'bubble',
      size: 'mega',
      header: vbox(
        [
          text(
            lang === 'ja'
              ? '利用者登録の更新のご案内'
              : who
                ? 'Registration renewal'
                : 'Renew your registration',
            {
              weight: 'bold',
              color: '#ffffff',
            },
          ),
        ],
        { backgroundColor: COLORS.accent, paddingAll: 'lg' },
      ),
      body: vbox(
        [
          row(lang === 'ja' ? '有効期限' : 'Valid until', d, { color: COLORS.warn }),
          text(lead, { size: 'sm', margin: 'md' }),
          text(EXPIRY_RENEW_HOW[lang], { size: 'sm', margin: 'md' }),
          separator(),
          text(lang === 'ja' ? `お問い合わせ：${phone}` : `Questions: ${phone}`, {
            size: 'xs',
            color: COLORS.sub,
            margin: 'lg',
          }),
        ],
        { spacing: 'sm' },
      ),
      footer: vbox([
        button(
          {
            type: 'uri',
            label: lang === 'ja' ? '電話をかける' : 'Call',
            uri: telUri(input.contact.phone),
          },
          'link',
        ),
      ]),
    },
  }
}
