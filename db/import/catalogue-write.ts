/**
 * `catalogue` rows and how they are written (no file system: the Worker's sync uses this):
 * upserted by record id.
 * A full export withdraws what it no longer lists; a `--sync` delta withdraws only the
 * records it marks deleted (leader/05 `d`, or `deleted` = 1 in the CSV form).
 */
import { MATERIAL_TYPES, type MaterialType } from '../../core/types.ts'
import {
  linkSets,
  markSeen,
  type TitleInput,
  upsertTitles,
  withdrawTitles,
  withdrawUnseen,
} from '../import-upsert.ts'
import type { Kind, Tallied } from './kind.ts'
import { isbn13, katakana, volumeNumber } from './marc-title.ts'
import { refuse } from './rejections.ts'

export type CatalogueRow = TitleInput & { deleted: boolean }

/** Columns of the CSV/TSV form; the first two are required. */
export const CATALOGUE_COLUMNS = [
  'id',
  'title',
  'yomi',
  'volume',
  'series',
  'author',
  'author_yomi',
  'publisher',
  'year',
  'isbn',
  'material_type',
  'deleted',
] as const

type Outcome = { value: CatalogueRow } | { refusal: ReturnType<typeof refuse> }

export function catalogueFromCsv(r: Record<string, string>): Outcome {
  const id = r.id ?? ''
  if (!id) return { refusal: refuse('id', '書誌IDが空です', 'the record id is empty') }
  const deleted = r.deleted === '1'
  if (!r.title && !deleted)
    return { refusal: refuse('title', 'タイトルが空です', 'the title is empty') }
  const type = (r.material_type || 'book') as MaterialType
  if (!MATERIAL_TYPES.includes(type))
    return {
      refusal: refuse(
        'material_type',
        `資料種別「${type}」は使えません（${MATERIAL_TYPES.join(', ')}）`,
        `unknown material type "${type}" (one of ${MATERIAL_TYPES.join(', ')})`,
      ),
    }
  if (r.year && !/^\d{4}$/.test(r.year))
    return {
      refusal: refuse('year', '出版年は西暦4桁で書いてください', 'the year must be four digits'),
    }
  if (r.isbn && !isbn13(r.isbn))
    return { refusal: refuse('isbn', 'ISBN が正しくありません', 'the ISBN is not valid') }
  const volumeText = r.volume || null
  const volume = volumeText ? volumeNumber(volumeText) : null
  if (volumeText && volume === null)
    return {
      refusal: refuse(
        'volume',
        '巻次は 上・中・下 か数字で書いてください',
        'the volume must be 上・中・下 or a number',
      ),
    }
  const title = (r.title ?? '').normalize('NFKC')
  const author = (r.author ?? '').normalize('NFKC')
  return {
    value: {
      sourceId: id,
      deleted,
      title: volumeText ? `${title} ${volumeText}` : title,
      yomi: katakana(r.yomi ?? ''),
      author,
      authorYomi: katakana(r.author_yomi ?? ''),
      publisher: (r.publisher ?? '').normalize('NFKC'),
      year: r.year ? Number(r.year) : null,
      isbn: r.isbn ? isbn13(r.isbn) : null,
      series: (r.series ?? '').normalize('NFKC'),
      materialType: type,
      volume,
      setKey: volume === null ? null : `${title}\u001f${author}`,
    },
  }
}

export const catalogueWriter: Pick<Kind<CatalogueRow>, 'name' | 'write' | 'finish'> = {
  name: 'catalogue',
  async write({ db, run }, rows) {
    const live = rows.filter((r) => !r.value.deleted).map((r) => r.value)
    const gone = rows.filter((r) => r.value.deleted).map((r) => r.value.sourceId)
    const statements: Tallied[] = [
      ...upsertTitles(db, live, run).map((statement) => ({ statement, tally: 'upsert' as const })),
      ...markSeen(
        db,
        'titles',
        'source_id',
        live.map((t) => t.sourceId),
        run,
      ).map((statement) => ({ statement, tally: 'none' as const })),
      ...withdrawTitles(db, gone, run).map((statement) => ({
        statement,
        tally: 'withdraw' as const,
      })),
    ]
    return { statements, refused: [] }
  },
  finish({ run, sync, complete }) {
    return [
      ...(sync || !complete
        ? []
        : [{ statement: withdrawUnseen('titles', run), tally: 'withdraw' as const }]),
      { statement: linkSets(), tally: 'none' },
    ]
  },
}
