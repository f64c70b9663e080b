/** Magazines, manga, kamishibai, CDs, DVDs, videos and 録音図書 (audiobooks). */
import { type CatalogueContext, common } from './catalogue.ts'
import { novelTitle } from './genres-books.ts'
import { join, type Word } from './kana.ts'
import type { Rng } from './prng.ts'
import type { TitleRow } from './rows.ts'
import { ANIMALS, ERRANDS, FOLK_TALES } from './words/children.ts'
import * as m from './words/media.ts'
import { DESTINATIONS, LOCAL_PLACES } from './words/nonfiction.ts'
import {
  AUDIOBOOK_MAKER,
  AV_LABELS,
  CHILDREN_PUBLISHERS,
  MAGAZINE_PUBLISHERS,
  MANGA_PUBLISHERS,
} from './words/publishers.ts'

const SPACE: Word = [' ', '']

/**
 * The latest issues of a magazine, newest last: 「月刊わたしの台所 2025年6月号」. The volume
 * field holds the running issue number (通巻), which is how a patron tells issues apart.
 */
export function magazineRun(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const name = rng.pick(m.MAGAZINES)
  const issues = rng.int(4, 12)
  const firstNumber = rng.int(50, 600)
  const base = common(rng, ctx, join(name), 'magazine', 'magazine', MAGAZINE_PUBLISHERS, 0)
  const rows: TitleRow[] = []
  for (let k = issues - 1; k >= 0; k--) {
    const monthsAgo = k
    const total = ctx.year * 12 + (ctx.month - 1) - monthsAgo
    const y = Math.floor(total / 12)
    const mo = (total % 12) + 1
    const issue = `${y}年${mo}月号`
    const t = join(name, SPACE, [issue, `${y}ねん${mo}がつごう`])
    rows.push(
      ctx.title({
        ...base,
        title: t.text,
        yomi: t.yomi,
        author: null,
        authorYomi: null,
        year: y,
        volume: firstNumber + issues - 1 - k,
        issue,
      }),
    )
  }
  return rows
}

/** A manga series, volumes 1…n. Manga is never a set (HOLD-SET): setId stays null. */
export function mangaSeries(rng: Rng, ctx: CatalogueContext, maxVolumes = 15): TitleRow[] {
  const name = rng.chance(0.7) ? join(rng.pick(m.MANGA_SERIES)) : novelTitle(rng)
  const base = common(rng, ctx, name, 'manga', 'manga', MANGA_PUBLISHERS, 12)
  const publisher = MANGA_PUBLISHERS.find((p) => p.name[0] === base.publisher)!
  const volumes = Math.min(maxVolumes, rng.int(3, 15))
  return Array.from({ length: volumes }, (_, i) => {
    const t = join([name.text, name.yomi], SPACE, [String(i + 1), String(i + 1)])
    const year = Math.min(ctx.year, base.year + Math.floor(i / 3))
    const isbn = i === 0 ? base.isbn : ctx.isbn(publisher)
    return ctx.title({ ...base, title: t.text, yomi: t.yomi, isbn, year, volume: i + 1 })
  })
}

export function kamishibai(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const text = rng.chance(0.6)
    ? join(rng.pick(FOLK_TALES))
    : join(rng.pick(ANIMALS), ['の', 'の'], rng.pick(ERRANDS))
  return [ctx.title(common(rng, ctx, text, 'kamishibai', 'kamishibai', CHILDREN_PUBLISHERS, 30))]
}

export function cd(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const text = [
    () => join(rng.pick(m.COMPOSERS), SPACE, rng.pick(m.CD_KINDS)),
    () => join(rng.pick(m.CD_THEMES), SPACE, ['ベスト', 'べすと']),
    () => join(['落語名演集', 'らくごめいえんしゅう'], SPACE, rng.pick(m.RAKUGO)),
    () => join(rng.pick(m.NATURE_SOUNDS), ['のおと', 'のおと']),
  ][rng.int(0, 3)]!()
  return [ctx.title(common(rng, ctx, text, 'cd', 'music', AV_LABELS, 25))]
}

export function dvd(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const text = [
    () => novelTitle(rng),
    () => join(rng.pick(DESTINATIONS), rng.pick(m.DOCUMENTARY_ENDINGS)),
    () => join(['はじめての', 'はじめての'], rng.pick(m.EXERCISES)),
  ][rng.int(0, 2)]!()
  return [ctx.title(common(rng, ctx, text, 'dvd', 'film', AV_LABELS, 20))]
}

/** Videotapes stopped being made around 2005; the library still lends its old ones. */
export function video(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const text = rng.chance(0.5)
    ? join(rng.pick(LOCAL_PLACES), rng.pick(m.DOCUMENTARY_ENDINGS))
    : join(rng.pick(m.SAFETY_FILMS))
  const row = common(rng, ctx, text, 'video', 'film', AV_LABELS, 0)
  return [ctx.title({ ...row, year: rng.int(1985, Math.min(2005, ctx.year)) })]
}

/** 録音図書: a novel read aloud by the library's volunteers, for print-disabled patrons only. */
export function audiobook(rng: Rng, ctx: CatalogueContext): TitleRow[] {
  const row = common(rng, ctx, novelTitle(rng), 'audiobook', 'audiobook', [AUDIOBOOK_MAKER], 15)
  return [ctx.title(row)]
}
