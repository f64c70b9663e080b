/**
 * Unlinking (LINE requires it to be offered at any time): ask first with a confirm template,
 * say what stops, then confirm it is done.
 */
import type { messagingApi } from '@line/bot-sdk'
import type { Lang } from './lang.ts'
import { LABELS, linkQuickReply, menuQuickReply, postbackAction } from './quick-reply.ts'

export function unlinkConfirmMessage({
  lang = 'ja',
}: {
  lang?: Lang
} = {}): messagingApi.TemplateMessage {
  return {
    type: 'template',
    altText: lang === 'ja' ? 'アカウント連携の解除の確認' : 'Unlink your account?',
    template: {
      type: 'confirm',
      text:
        lang === 'ja'
          ? 'アカウント連携を解除しますか？解除すると、LINEでの図書館カードの表示や貸出・予約の確認ができなくなり、予約の確保や返却期限のお知らせもLINEには届かなくなります。'
          : 'Unlink your account? You will no longer see your library card, loans or holds in LINE, and notices will no longer come to LINE.',
      actions: [
        postbackAction('unlink_confirm', { ja: '解除する', en: 'Unlink' }, lang),
        postbackAction('unlink_cancel', { ja: 'やめる', en: 'Cancel' }, lang),
      ],
    },
  }
}

export function unlinkedMessage({ lang = 'ja' }: { lang?: Lang } = {}): messagingApi.TextMessage {
  return {
    type: 'text',
    text:
      lang === 'ja'
        ? `アカウント連携を解除しました。ご利用ありがとうございました。もう一度連携するときは、メニューの「${LABELS.link.ja}」をタップしてください。`
        : `Your account has been unlinked. Thank you for using the service. To link again, tap "${LABELS.link.en}" in the menu.`,
    quickReply: linkQuickReply(lang),
  }
}

export function unlinkCancelledMessage({
  liffId,
  lang = 'ja',
}: {
  liffId: string
  lang?: Lang
}): messagingApi.TextMessage {
  return {
    type: 'text',
    text:
      lang === 'ja' ? '連携はそのままです。引き続きご利用ください。' : 'Your account stays linked.',
    quickReply: menuQuickReply(true, liffId, lang),
  }
}
