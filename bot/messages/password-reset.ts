/**
 * ACC-RESET-LINKED in the chat: the confirm pushed to the linked LINE account when someone
 * asks to reset its patron's password, and the answers to its buttons. LINE-LINK: the notice
 * to a LINE account whose link another account took over. None names a title.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Contact } from '../../core/messages.ts'
import { phoneLine } from '../../core/messages.ts'
import { postbackData } from '../richmenu/postback.ts'
import type { Lang } from './lang.ts'

export function resetConfirmMessage(input: {
  token: string
  minutes: number
  lang?: Lang
}): messagingApi.TemplateMessage {
  const lang = input.lang ?? 'ja'
  const label = (ja: string, en: string) => (lang === 'ja' ? ja : en)
  return {
    type: 'template',
    altText: label('パスワード再設定の確認', 'Confirm your password reset'),
    template: {
      type: 'confirm',
      text: label(
        `図書館のWebサービスのパスワード再設定の申し込みがありました。ご本人の場合は${input.minutes}分以内に「再設定する」を押してください。心当たりがなければ「取り消す」を押してください。パスワードは変わりません。`,
        `Someone asked to reset your library password. If it was you, tap "Reset" within ${input.minutes} minutes. If not, tap "Cancel": your password stays as it is.`,
      ),
      actions: [
        {
          type: 'postback',
          label: label('再設定する', 'Reset'),
          data: postbackData('reset_confirm', { token: input.token }),
          displayText: label('再設定する', 'Reset'),
        },
        {
          type: 'postback',
          label: label('取り消す', 'Cancel'),
          data: postbackData('reset_cancel', { token: input.token }),
          displayText: label('取り消す', 'Cancel'),
        },
      ],
    },
  }
}

export function resetDoneMessage(lang: Lang = 'ja'): messagingApi.TextMessage {
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? 'パスワードを再設定しました。次回から新しいパスワードでログインしてください。'
        : 'Your password has been reset. Please sign in with the new password from now on.',
  }
}

export function resetCancelledMessage(
  contact: Contact,
  lang: Lang = 'ja',
): messagingApi.TextMessage {
  const p = phoneLine(contact)
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `パスワードの再設定を取り消しました。パスワードは変わっていません。お心当たりのない申し込みが続く場合は、${p.ja}へお問い合わせください。`
        : `The password reset was cancelled; your password has not changed. If such requests continue, please contact ${p.en}.`,
  }
}

/** LINE-LINK: the LINE account that lost its link is told at once, naming no title. */
export function linkReplacedMessage(contact: Contact, lang: Lang = 'ja'): messagingApi.TextMessage {
  const p = phoneLine(contact)
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `図書館カードとのアカウント連携が、別のLINEアカウントでの連携に切り替わったため解除されました。お心当たりがない場合は、パスワードを変更のうえ、${p.ja}へお問い合わせください。`
        : `Your library card's account link was moved to another LINE account, so it has been removed here. If you did not do this, please change your password and contact ${p.en}.`,
  }
}
