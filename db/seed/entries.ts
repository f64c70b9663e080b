/**
 * The mix of a public library's catalogue, and the loop that draws entries from it. The same
 * code builds the 2,000-title demo and a million-title benchmark library.
 */
import type { CatalogueContext } from './catalogue.ts'
import * as books from './genres-books.ts'
import * as media from './genres-media.ts'
import type { Rng } from './prng.ts'
import type { TitleRow } from './rows.ts'

type Genre = (rng: Rng, ctx: CatalogueContext) => TitleRow[]

/** Relative weights of entries (not titles: a manga series or magazine run is one entry). */
const MIX: [Genre, number][] = [
  [books.novel, 30],
  [books.novelSet, 3],
  [books.pictureBook, 14],
  [books.childrenScience, 4],
  [books.cooking, 6],
  [books.history, 7],
  [books.travel, 5],
  [books.howTo, 8],
  [books.reference, 2],
  [media.magazineRun, 0.8],
  [media.mangaSeries, 1.5],
  [media.kamishibai, 3],
  [media.cd, 4],
  [media.dvd, 3],
  [media.video, 1.5],
  [media.audiobook, 2],
]
const TOTAL = MIX.reduce((s, [, w]) => s + w, 0)

function drawGenre(rng: Rng): Genre {
  let x = rng.next() * TOTAL
  for (const [genre, weight] of MIX) {
    x -= weight
    if (x < 0) return genre
  }
  return books.novel
}

/**
 * Exactly `count` more titles, in chunks of about `chunk` (never splitting a set), so a
 * caller can write each chunk and let it go: memory stays flat however large the library.
 */
export function* titleChunks(
  rng: Rng,
  ctx: CatalogueContext,
  count: number,
  chunk = 5_000,
): Generator<TitleRow[]> {
  let left = count
  let rows: TitleRow[] = []
  while (left > 0) {
    let entry = drawGenre(rng)(rng, ctx)
    if (entry.length > left) {
      // Too long for what is left: a set must stay whole, so it becomes a single novel;
      // a manga series or a magazine run is simply cut short.
      const first = entry[0]!
      if (first.setId != null) {
        ctx.nextTitleId = first.id
        entry = books.novel(rng, ctx)
      } else {
        entry = entry.slice(0, left)
        ctx.nextTitleId = first.id + left
      }
    }
    rows.push(...entry)
    left -= entry.length
    if (rows.length >= chunk) {
      yield rows
      rows = []
    }
  }
  if (rows.length > 0) yield rows
}
