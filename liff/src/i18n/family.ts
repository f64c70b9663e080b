/** The family-card words (ACC-FAMILY), kept apart from the main dictionaries. */
import type { Lang } from '../../api-types.ts'
import { t } from './index.ts'

const ja = {
  cardsLabel: (n: number) => `図書館カード（${n}枚）。左右にスワイプして切り替えます`,
  cardOf: (i: number, n: number, name: string) => `${i}枚目／${n}枚：${name} さんのカード`,
  prev: '前のカード',
  next: '次のカード',
  holder: (name: string) => `${name} さん`,
  add: 'もう一枚カードを追加',
  addHelp: (limit: number) =>
    `ご家族のカードも、それぞれの利用者番号とパスワードで連携できます（${limit}枚まで）。`,
  adding: '連携の画面を開いています…',
  whose: '表示する人',
  everyone: '全員',
  sectionOf: (name: string, title: string) => `${name} さんの${title}`,
  unlinkOne: (name: string) => `${name} さんのカードの連携を解除`,
  unlinkedOne: (name: string) => `${name} さんのカードの連携を解除しました。`,
  whoseHold: (_count: number) => 'どなたの予約ですか',
  /** The card page's place of a card the access rules refuse; `why` opens the rule's words. */
  refusedCard: 'このカードは現在、Webサービスをご利用いただけません。',
  why: '理由とお問い合わせ先を見る',
  /** マイポータル's line for a card the access rules refuse (ACC-EXPIRED…): the list says why. */
  refusedGlance:
    'このカードは現在、Webサービスをご利用いただけません。理由とお問い合わせ先は「貸出中一覧」でご確認ください。',
  /** Unlinking the account's own card when it links several: this card only goes. */
  /** The unlink section's help when the account links several cards: only this one goes. */
  unlinkOneHelp:
    'このカードの連携だけを解除します。ほかのカードは、これまでどおりLINEで使えます。もう一度連携するときは、図書館カードの画面の「もう一枚カードを追加」から連携してください。',
  unlinkOwnQuote: 'このカードの連携を解除しますか？ほかのカードはそのまま使えます。',
  /** `email`: the library system e-mails its notices, so registering an address would help. */
  unlinkOwnQuoteHolds: (email: boolean): string =>
    email
      ? 'このカードには予約中の資料があり、確認済みのメールアドレスの登録がないため、解除すると、ご用意ができたことをお知らせできなくなります（メールアドレスは図書館のカウンターで登録できます）。それでもこのカードの連携を解除しますか？'
      : 'このカードには予約中の資料があるため、解除すると、ご用意ができてもお知らせが届かなくなります。それでもこのカードの連携を解除しますか？',
  /** Sentences about a card other than the account's own, naming its holder (not "you"). */
  other: {
    loansEmpty: (name: string) => `${name}さんのカードで借りている資料は、現在ありません。`,
    holdsEmpty: (name: string) => `${name}さんのカードで予約している資料は、現在ありません。`,
    cancelQuote: (name: string, title: string) =>
      `${name}さんの「${title}」の予約を取り消します。よろしいですか？`,
    cancelled: (name: string) => `${name}さんの予約を取り消しました。`,
    suspendedNote: (name: string) =>
      `休止中は、資料の順番が来ても次の方へ回ります。${name}さんの予約順位はそのままで、翌日から自動で再開します。`,
    suspendDone: (name: string, until: string) => `${name}さんの予約を${until}まで休止しました。`,
    resumed: (name: string) => `${name}さんの予約を再開しました。`,
    passwordChanged: (name: string) => `${name}さんのパスワードを変更しました。`,
    holdReadyLocked: (name: string) =>
      `${name}さんのカードに予約中の資料があるため、このお知らせは止められません。用意ができたことをお伝えする方法は、いまはこのお知らせだけです。`,
    unlinkQuote: (name: string) =>
      `${name}さんのカードの連携を解除しますか？ほかのカードはそのまま使えます。`,
    unlinkQuoteHolds: (name: string, email: boolean): string =>
      email
        ? `${name}さんのカードに予約中の資料があり、確認済みのメールアドレスの登録がないため、解除すると、ご用意ができたことをお知らせできなくなります（メールアドレスは図書館のカウンターで登録できます）。それでも${name}さんのカードの連携を解除しますか？`
        : `${name}さんのカードに予約中の資料があるため、解除すると、ご用意ができてもお知らせが届かなくなります。それでも${name}さんのカードの連携を解除しますか？`,
  },
}

const en: typeof ja = {
  cardsLabel: (n: number) => `Library cards (${n}). Swipe left or right to switch`,
  cardOf: (i: number, n: number, name: string) => `Card ${i} of ${n}: ${name}`,
  prev: 'Previous card',
  next: 'Next card',
  holder: (name: string) => name,
  add: 'Add another card',
  addHelp: (limit: number) =>
    `Family members' cards can be linked too, each with its own number and password (up to ${limit}).`,
  adding: 'Opening the link page…',
  whose: 'Show',
  everyone: 'Everyone',
  sectionOf: (name: string, title: string) => `${title}: ${name}`,
  unlinkOne: (name: string) => `Unlink ${name}'s card`,
  unlinkedOne: (name: string) => `${name}'s card has been unlinked.`,
  whoseHold: (count: number) => (count > 1 ? 'Who are these holds for?' : 'Who is this hold for?'),
  refusedCard: 'This card cannot use the online service at the moment.',
  why: 'Why, and whom to call',
  refusedGlance:
    'This card cannot use the online service at the moment. The loans list says why and whom to call.',
  unlinkOneHelp:
    'Only this card is unlinked; the other cards keep working in LINE. To link it again, choose "Add another card" on the library card screen.',
  unlinkOwnQuote: 'Unlink this card now? The other cards stay linked.',
  unlinkOwnQuoteHolds: (email: boolean): string =>
    email
      ? 'This card has holds and no confirmed e-mail address: once unlinked, we cannot tell you when they are ready (a library counter can add an e-mail address). Unlink this card anyway?'
      : 'This card has holds: once unlinked, no notice will come when they are ready. Unlink this card anyway?',
  other: {
    loansEmpty: (name: string) => `Nothing is on loan on ${name}'s card at the moment.`,
    holdsEmpty: (name: string) => `${name}'s card has no holds at the moment.`,
    cancelQuote: (name: string, title: string) => `Cancel ${name}'s hold on "${title}"?`,
    cancelled: (name: string) => `${name}'s hold has been cancelled.`,
    suspendedNote: (name: string) =>
      `While suspended, a copy goes to the next person when ${name}'s turn comes. The hold keeps its place in the queue and resumes by itself the day after.`,
    suspendDone: (name: string, until: string) => `${name}'s hold is suspended until ${until}.`,
    resumed: (name: string) => `${name}'s hold has been resumed.`,
    passwordChanged: (name: string) => `${name}'s password has been changed.`,
    holdReadyLocked: (name: string) =>
      `${name}'s card has holds, so this notice cannot be turned off: it is now the only way we can tell you one of them is ready.`,
    unlinkQuote: (name: string) => `Unlink ${name}'s card now? The other cards stay linked.`,
    unlinkQuoteHolds: (name: string, email: boolean): string =>
      email
        ? `${name}'s card has holds and no confirmed e-mail address: once unlinked, we cannot tell ${name} when they are ready (a library counter can add an e-mail address). Unlink ${name}'s card anyway?`
        : `${name}'s card has holds: once unlinked, no notice will reach ${name} when they are ready. Unlink ${name}'s card anyway?`,
  },
}

/** The family words in the current language. */
export function ft(): typeof ja {
  return (t.date as Lang) === 'en' ? en : ja
}
