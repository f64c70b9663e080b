/** Book genres: novels (and their 上・下 sets), children's books, non-fiction, reference. */
import { type CatalogueContext, common } from './catalogue.ts'
import { join, type Word } from './kana.ts'
import type { Rng } from './prng.ts'
import type { TitleRow } from './rows.ts'
import { ANIMALS, ERRANDS, SCIENCE } from './words/children.ts'
import { ENDINGS, JOINTS, MODIFIERS, NOUNS, SET_MARKS } from './words/fiction.ts'
import * as nf from './words/nonfiction.ts'
import { BOOK_PUBLISHERS, CHILDREN_PUBLISHERS, REFERENCE_PUBLISHERS } from './words/publishers.ts'

const SPACE: Word = [' ', '']

/** 「海の記憶」「静かな灯台」「港から来た少女」「灯台殺人事件」. */
export function novelTitle(rng: Rng): { text: string; yomi: string } {
  const a = rng.pick(NOUNS)
  let b = rng.pick(NOUNS)
  while (b === a) b = rng.pick(NOUNS)
  switch (rng.int(0, 4)) {
    case 0:
      return join(rng.pick(MODIFIERS), a)
    case 1:
      return join(a, rng.pick(ENDINGS))
    case 2:
      return join(rng.pick(MODIFIERS), a, ['の', 'の'], b)
    default:
      return join(a, rng.pick(JOINTS), b)
  }
}

export function novel(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  return [ctx.title(common(rng, ctx, novelTitle(rng), 'book', 'novel', BOOK_PUBLISHERS, 30))]
}

/** A novel in two or three volumes, catalogued as a set (S mark): one set id, volumes 1…n. */
export function novelSet(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const marks = SET_MARKS[rng.chance(0.7) ? 2 : 3]
  const publisher = rng.pick(BOOK_PUBLISHERS)
  const base = common(rng, ctx, novelTitle(rng), 'book', 'novel', [publisher], 20)
  const setId = ctx.nextSetId++
  return marks.map((mark, i) => {
    const t = join([base.title, base.yomi], SPACE, mark)
    const isbn = i === 0 ? base.isbn : ctx.isbn(publisher)
    return ctx.title({ ...base, title: t.text, yomi: t.yomi, isbn, setId, volume: i + 1 })
  })
}

/** Picture books: 「くまのおつかい」「はじめてのピクニック」「きつねとかめ」. */
export function pictureBook(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const animal = rng.pick(ANIMALS)
  const errand = rng.pick(ERRANDS)
  const text = [
    () => join(animal, ['の', 'の'], errand),
    () => join(animal, ['くんの', 'くんの'], errand),
    () => join(['はじめての', 'はじめての'], errand),
    () => join(animal, ['と', 'と'], rng.pick(ANIMALS)),
  ][rng.int(0, 3)]!()
  return [ctx.title(common(rng, ctx, text, 'book', 'picture', CHILDREN_PUBLISHERS, 25))]
}

/** Children's non-fiction: 「恐竜のふしぎ」「宇宙ずかん」. */
export function childrenScience(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const end: Word = rng.pick([
    ['のふしぎ', 'のふしぎ'],
    ['ずかん', 'ずかん'],
    ['のひみつ', 'のひみつ'],
  ])
  const text = join(rng.pick(SCIENCE), end)
  return [ctx.title(common(rng, ctx, text, 'book', 'children', CHILDREN_PUBLISHERS, 15))]
}

export function cooking(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const dish = rng.pick(nf.DISHES)
  const text = rng.chance(0.4)
    ? join(rng.pick(nf.INGREDIENTS), ['でつくる', 'でつくる'], dish)
    : join(rng.pick(nf.COOKING_MODS), dish)
  return [ctx.title(common(rng, ctx, text, 'book', 'cooking', BOOK_PUBLISHERS, 15))]
}

export function history(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const topic = rng.pick(nf.HISTORY_TOPICS)
  const text = [
    () => join(rng.pick(nf.ERAS), ['時代の', 'じだいの'], topic),
    () => join(['図説', 'ずせつ'], rng.pick(nf.ERAS), ['の', 'の'], topic),
    () => join(rng.pick(nf.LOCAL_PLACES), ['の歴史', 'のれきし']),
    () => join(rng.pick(nf.LOCAL_PLACES), ['と', 'と'], rng.pick(nf.ERAS), ['の', 'の'], topic),
  ][rng.int(0, 3)]!()
  return [ctx.title(common(rng, ctx, text, 'book', 'history', BOOK_PUBLISHERS, 40))]
}

export function travel(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const place = rng.pick(nf.DESTINATIONS)
  const text = rng.chance(0.2)
    ? join(['大人の', 'おとなの'], place)
    : join(place, rng.pick(nf.TRAVEL_ENDINGS))
  return [ctx.title(common(rng, ctx, text, 'book', 'travel', BOOK_PUBLISHERS, 10))]
}

export function howTo(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const topic = rng.pick(nf.HOWTO_TOPICS)
  const text = rng.chance(0.5)
    ? join(rng.pick(nf.HOWTO_BEFORE), topic)
    : join(topic, rng.pick(nf.HOWTO_AFTER))
  return [ctx.title(common(rng, ctx, text, 'book', 'howto', BOOK_PUBLISHERS, 12))]
}

/** Dictionaries and yearbooks: not for loan (禁帯出), so they cannot be held (HOLD-NONCIRC). */
export function reference(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  let text: { text: string; yomi: string }
  let genre = 'dictionary'
  let year: number | null = null
  if (rng.chance(0.6)) {
    text = join(rng.pick(nf.DICTIONARY_MODS), rng.pick(nf.DICTIONARIES))
  } else {
    year = ctx.year - rng.int(0, 5)
    text = join(rng.pick(nf.YEARBOOKS), SPACE, [`${year}年版`, `${year}ねんばん`])
    genre = 'yearbook'
  }
  const row = common(rng, ctx, text, 'book', genre, REFERENCE_PUBLISHERS, 10)
  const fields = { author: null, authorYomi: null, notForLoan: true, year: year ?? row.year }
  return [ctx.title({ ...row, ...fields })]
}
