/**
 * Made-up publishers and labels. `code` is the publisher part of a made-up ISBN (978-4-code-…);
 * labels that publish only CDs, DVDs and videos have none.
 */
import type { Word } from '../kana.ts'

export interface Publisher {
  name: Word
  code: string | null
}

export const BOOK_PUBLISHERS: readonly Publisher[] = [
  { name: ['青葉書房', 'あおばしょぼう'], code: '8312' },
  { name: ['淀川出版', 'よどがわしゅっぱん'], code: '8547' },
  { name: ['星影社', 'ほしかげしゃ'], code: '9163' },
  { name: ['河内書店', 'かわちしょてん'], code: '8874' },
  { name: ['若草館', 'わかくさかん'], code: '9421' },
  { name: ['北斗出版', 'ほくとしゅっぱん'], code: '8736' },
  { name: ['朝凪書房', 'あさなぎしょぼう'], code: '9058' },
  { name: ['白鷺社', 'しらさぎしゃ'], code: '8659' },
  { name: ['東雲堂', 'しののめどう'], code: '9287' },
  { name: ['翠風社', 'すいふうしゃ'], code: '8915' },
  { name: ['灯火書房', 'ともしびしょぼう'], code: '9374' },
  { name: ['明星館', 'みょうじょうかん'], code: '8483' },
]

export const CHILDREN_PUBLISHERS: readonly Publisher[] = [
  { name: ['こぐま舎', 'こぐましゃ'], code: '9532' },
  { name: ['どんぐり書房', 'どんぐりしょぼう'], code: '8691' },
  { name: ['ひだまり出版', 'ひだまりしゅっぱん'], code: '9615' },
]

export const REFERENCE_PUBLISHERS: readonly Publisher[] = [
  { name: ['大和言葉社', 'やまとことばしゃ'], code: '8128' },
  { name: ['国土資料館', 'こくどしりょうかん'], code: '8246' },
]

export const MANGA_PUBLISHERS: readonly Publisher[] = [
  { name: ['少年星雲社', 'しょうねんせいうんしゃ'], code: '9746' },
  { name: ['まんが工房', 'まんがこうぼう'], code: '9859' },
]

export const MAGAZINE_PUBLISHERS: readonly Publisher[] = [
  { name: ['暮らしの友社', 'くらしのともしゃ'], code: null },
  { name: ['週刊文芸舎', 'しゅうかんぶんげいしゃ'], code: null },
  { name: ['みどり出版', 'みどりしゅっぱん'], code: null },
]

export const AV_LABELS: readonly Publisher[] = [
  { name: ['音の森レコード', 'おとのもりれこーど'], code: null },
  { name: ['映像工房みずほ', 'えいぞうこうぼうみずほ'], code: null },
  { name: ['さざなみミュージック', 'さざなみみゅーじっく'], code: null },
  { name: ['淀川映像', 'よどがわえいぞう'], code: null },
]

/** 録音図書 are made by the library's own volunteer readers (音訳). */
export const AUDIOBOOK_MAKER: Publisher = {
  name: ['枚方市立図書館音訳グループ', 'ひらかたしりつとしょかんおんやくぐるーぷ'],
  code: null,
}

/** Every publisher that has an ISBN code; the order fixes each one's fallback code block. */
export const ISBN_PUBLISHERS: readonly Publisher[] = [
  ...BOOK_PUBLISHERS,
  ...CHILDREN_PUBLISHERS,
  ...REFERENCE_PUBLISHERS,
  ...MANGA_PUBLISHERS,
]
