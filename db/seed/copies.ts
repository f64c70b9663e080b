/**
 * Copies of each title, spread over the nine libraries, with call numbers (請求記号) built
 * the way Japanese public libraries shelve: NDC class (or a shelf mark) / first kana of the
 * author's reading (or the title's).
 */
import type { Rng } from './prng.ts'
import type { CopyRow, TitleRow } from './rows.ts'

/** Shelf class per genre: NDC numbers for books, shelf marks for the rest. */
const SHELF: Record<string, string> = {
  novel: '913.6',
  picture: 'E',
  children: 'K460',
  cooking: '596',
  history: '210',
  travel: '291',
  howto: '590',
  dictionary: 'R813',
  yearbook: 'R059',
  magazine: 'Z',
  manga: '726.1',
  kamishibai: 'KS',
  music: 'CD',
  film: 'DVD',
  audiobook: 'DAISY',
}

export function callNumber(t: TitleRow): string {
  const shelf =
    t.materialType === 'video' ? 'V' : t.materialType === 'dvd' ? 'DVD' : (SHELF[t.genre] ?? '0')
  const mark = (t.authorYomi || t.yomi).charAt(0)
  return t.volume != null && t.materialType !== 'magazine'
    ? `${shelf}/${mark}/${t.volume}`
    : `${shelf}/${mark}`
}

/** A copy's barcode: ten digits, NW-7 (Codabar) friendly, never reused. */
export function copyBarcode(id: number): string {
  return `2${String(id).padStart(9, '0')}`
}

/** How many copies a title has: popular kinds more, reference and AV one or two. */
function copyCount(rng: Rng, t: TitleRow): number {
  if (t.notForLoan || t.materialType === 'audiobook') return 1
  if (t.materialType === 'magazine' || t.materialType === 'video') return rng.int(1, 2)
  if (t.materialType === 'cd' || t.materialType === 'dvd' || t.materialType === 'manga')
    return rng.int(1, 2)
  const x = rng.next()
  return x < 0.35 ? 1 : x < 0.7 ? 2 : x < 0.9 ? 3 : 4
}

/** Library ids 1…9 (central first, station-front last); central and station-front weigh more. */
const LIBRARY_WEIGHTS = [3, 1, 1, 1, 1, 1, 1, 1, 2]

function pickLibraries(rng: Rng, n: number): number[] {
  const chosen: number[] = []
  while (chosen.length < n) {
    const total = LIBRARY_WEIGHTS.reduce((s, w, i) => s + (chosen.includes(i + 1) ? 0 : w), 0)
    let x = rng.next() * total
    for (let i = 0; i < LIBRARY_WEIGHTS.length; i++) {
      if (chosen.includes(i + 1)) continue
      x -= LIBRARY_WEIGHTS[i]!
      if (x < 0) {
        chosen.push(i + 1)
        break
      }
    }
  }
  return chosen
}

/**
 * The copies of one title, ids from `firstId`. Reference books and 録音図書 stay at the
 * central library; everything starts on the shelf at home (circulation comes later).
 */
export function copiesFor(rng: Rng, t: TitleRow, firstId: number): CopyRow[] {
  const n = copyCount(rng, t)
  const homes = t.notForLoan || t.materialType === 'audiobook' ? [1] : pickLibraries(rng, n)
  const call = callNumber(t)
  return homes.map((libraryId, i) => ({
    id: firstId + i,
    titleId: t.id,
    barcode: copyBarcode(firstId + i),
    libraryId,
    callNumber: call,
    status: 'on_shelf',
    placeId: libraryId,
  }))
}
