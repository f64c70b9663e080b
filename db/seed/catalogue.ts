/**
 * Made-up but plausible catalogue entries. One entry is a title, a set (上・下), a manga
 * series or a run of a magazine; every title text is built from words whose readings are
 * known, so the stored reading (yomi) is right.
 */
import type { MaterialType } from '../../core/types.ts'
import { makeIsbn } from './isbn.ts'
import { toKatakana } from './kana.ts'
import type { Rng } from './prng.ts'
import type { TitleRow } from './rows.ts'
import { FAMILY_NAMES, GIVEN_NAMES } from './words/names.ts'
import { ISBN_PUBLISHERS, type Publisher } from './words/publishers.ts'

export interface Author {
  name: string
  yomi: string
}

/** What entries share while a catalogue is built: ids, ISBN serials, the year, authors. */
export class CatalogueContext {
  nextTitleId = 1
  nextSetId = 1
  private readonly isbnSerials = new Map<string, number>()
  readonly authors: Author[]

  constructor(
    rng: Rng,
    /** The current year and month: nothing is published after them. */
    readonly year: number,
    readonly month: number,
    authorCount = 400,
  ) {
    this.authors = Array.from({ length: authorCount }, () => person(rng))
  }

  /**
   * The next ISBN for a publisher. A four-digit publisher code leaves 10,000 serials; after
   * that the publisher carries on under another code from the 7000s (as real ones do), so a
   * million-title library still has every ISBN unique.
   */
  isbn(publisher: Publisher): string | null {
    if (!publisher.code) return null
    const index = ISBN_PUBLISHERS.indexOf(publisher)
    const n = this.isbnSerials.get(publisher.code) ?? 0
    this.isbnSerials.set(publisher.code, n + 1)
    const width = 10 ** (8 - publisher.code.length)
    if (n < width) return makeIsbn(publisher.code, n)
    const extra = Math.floor(n / 10_000) - 1
    if (index < 0 || extra >= 50) return null
    return makeIsbn(String(7000 + index * 50 + extra), n % 10_000)
  }

  title(fields: Omit<TitleRow, 'id'>): TitleRow {
    return { id: this.nextTitleId++, ...fields }
  }
}

/** A made-up person: family and given name, and the reading as a catalogue gives it. */
export function person(rng: Rng): Author {
  const family = rng.pick(FAMILY_NAMES)
  const given = rng.pick(GIVEN_NAMES)
  return {
    name: `${family[0]} ${given[0]}`,
    yomi: `${toKatakana(family[1])} ${toKatakana(given[1])}`,
  }
}

/** Fields most titles share; genres override what differs. */
export function common(
  rng: Rng,
  ctx: CatalogueContext,
  text: { text: string; yomi: string },
  materialType: MaterialType,
  genre: string,
  publishers: readonly Publisher[],
  ageYears: number,
): Omit<TitleRow, 'id'> {
  const author = rng.pick(ctx.authors)
  const publisher = rng.pick(publishers)
  return {
    title: text.text,
    yomi: text.yomi,
    author: author.name,
    authorYomi: author.yomi,
    publisher: publisher.name[0],
    year: ctx.year - rng.int(0, ageYears),
    isbn: ctx.isbn(publisher),
    materialType,
    genre,
    setId: null,
    volume: null,
    notForLoan: false,
    issue: null,
  }
}
