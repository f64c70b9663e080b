/**
 * The API's own sentences (rule refusals bring theirs from core/ and db/). Each says what
 * happened and what to do next, in the patron's polite register.
 */
import { dateText } from '../../core/messages.ts'
import type { Text } from '../../core/types.ts'

export const WORDS = {
  unauthorized: {
    ja: 'LINEのログインを確認できなかったか、有効期限が切れました。LINEのトーク画面のメニューから、もう一度開いてください。',
    en: 'We could not confirm your LINE login, or it has expired. Please open this page again from the menu in the LINE chat.',
  },
  notLinked: {
    ja: 'このLINEアカウントは、まだ図書館の利用者情報と連携されていません。LINEのトーク画面で、メニューの「アカウント連携」から連携してください。',
    en: 'This LINE account is not linked to a library card yet. In the LINE chat, tap "Link your account" (アカウント連携) in the menu to link it.',
  },
  notFamily: {
    ja: 'このカードは、このLINEアカウントに連携されていません。画面を閉じて、メニューからもう一度開いてください。',
    en: 'This card is not linked to this LINE account. Please close this screen and open it again from the menu.',
  },
  lineUnavailable: {
    ja: 'ただいまLINEのログイン確認ができません。しばらくしてから、もう一度お試しください。',
    en: 'We cannot check your LINE login at the moment. Please try again in a little while.',
  },
  rateLimited: {
    ja: 'アクセスが集中しています。1分ほど待ってから、もう一度お試しください。',
    en: 'Too many requests from your network. Please wait a minute and try again.',
  },
  internal: {
    ja: '申し訳ありません。処理中に問題が起きました。しばらくしてから、もう一度お試しください。',
    en: 'Sorry, something went wrong on our side. Please try again in a little while.',
  },
  notFound: {
    ja: 'お探しのものが見つかりません。画面を更新して、もう一度お試しください。',
    en: 'We could not find what you were looking for. Please refresh and try again.',
  },
  invalid: {
    ja: '入力の内容を確認できませんでした。内容をご確認のうえ、もう一度お試しください。',
    en: 'We could not accept that input. Please check it and try again.',
  },
  invalidJson: {
    ja: '送られた内容を読み取れませんでした。画面を更新して、もう一度お試しください。',
    en: 'We could not read what was sent. Please refresh and try again.',
  },
  titleNotFound: {
    ja: 'ご指定の資料が見つかりません。検索からもう一度お選びください。',
    en: 'We could not find that item. Please search for it again.',
  },
  holdNotFound: {
    ja: 'この予約が見つかりません。予約中一覧を更新してご確認ください。',
    en: 'We could not find this hold. Please refresh your list of holds.',
  },
  loanNotFound: {
    ja: 'この貸出が見つかりません。貸出中一覧を更新してご確認ください。',
    en: 'We could not find this loan. Please refresh your list of loans.',
  },
  historyNotFound: {
    ja: 'この読書記録が見つかりません。My本棚を更新してご確認ください。',
    en: 'We could not find this reading record. Please refresh My Bookshelf.',
  },
  samePassword: {
    ja: '新しいパスワードが現在のパスワードと同じです。別のパスワードを入力してください。',
    en: 'The new password is the same as the current one. Please choose a different password.',
  },
  quoteChanged: {
    ja: '日付が変わったため、延長後の返却期限が変わりました。新しい返却期限をご確認のうえ、もう一度延長してください。',
    en: 'The date has changed, so renewing would now give a different due date. Please check the new due date and renew again.',
  },
  needsChannel: {
    ja: '予約中の資料があるため、予約の確保連絡は止められません。用意ができたことをお知らせする方法は、いまはこの連絡だけです。',
    en: 'You have holds, so the hold-ready notice cannot be turned off: it is now the only way we can tell you when a hold is ready.',
  },
} satisfies Record<string, Text>

/** A renewal asked for from a page shown before the loan was renewed elsewhere. */
export function alreadyRenewed(dueDate: string): Text {
  const due = dateText(dueDate)
  return {
    ja: `この資料はすでに延長されています。返却期限は${due.ja}です。`,
    en: `This item has already been renewed. It is now due on ${due.en}.`,
  }
}

/** 「〇〇を確認してください」 for one input, naming the field in words. */
export function invalidField(field: string): Text {
  const name = FIELD_NAMES[field] ?? { ja: '入力', en: 'the input' }
  return {
    ja: `${name.ja}の内容が正しくありません。ご確認のうえ、もう一度お試しください。`,
    en: `Please check ${name.en} and try again.`,
  }
}

const FIELD_NAMES: Record<string, Text> = {
  id: { ja: '番号', en: 'the number' },
  q: { ja: '検索語（1〜100文字）', en: 'the search words (1 to 100 characters)' },
  page: { ja: 'ページ番号', en: 'the page number' },
  titleIds: { ja: '予約する資料（1〜25点）', en: 'the items to reserve (1 to 25)' },
  pickupPlaceId: { ja: '受取場所', en: 'the pickup place' },
  quotedDueDate: { ja: '延長後の返却期限', en: 'the renewed due date' },
  current: { ja: '現在のパスワード', en: 'the current password' },
  next: { ja: '新しいパスワード', en: 'the new password' },
  enabled: { ja: '設定', en: 'the setting' },
  line: { ja: '通知の設定', en: 'the notice settings' },
  body: { ja: '送られた内容', en: 'what was sent' },
}
