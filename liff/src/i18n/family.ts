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
  whoseHold: 'どなたの予約ですか',
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
  whoseHold: 'Whose hold is this?',
}

/** The family words in the current language. */
export function ft(): typeof ja {
  return (t.date as Lang) === 'en' ? en : ja
}
