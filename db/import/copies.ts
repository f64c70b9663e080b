/**
 * `copies`: CSV/TSV `barcode, record_id | isbn, library, shelf, not_for_loan, status`, upserted
 * by barcode. The title is found by the catalogue's record id (or, failing that, its ISBN)
 * and the library by its place code, so the catalogue and places go in first. A full export
 * withdraws copies it no longer lists; `--sync` does not.
 */
import { type CopyInput, upsertCopies } from '../import-rows.ts'
import { markSeen, withdrawUnseen } from '../import-upsert.ts'
import { all, flag, oneOf, required } from './csv-fields.ts'
import { csvItems } from './csv-read.ts'
import type { Kind } from './kind.ts'
import { placeIdsByCode, titleIdsByIsbn, titleIdsBySource } from './lookups.ts'
import { isbn13 } from './marc-title.ts'
import { type Refusal, refuse } from './rejections.ts'

export const COPY_COLUMNS = [
  'barcode',
  'record_id',
  'isbn',
  'library',
  'shelf',
  'not_for_loan',
  'status',
] as const

export interface CopyCsv {
  barcode: string
  recordId: string | null
  isbn: string | null
  library: string
  shelf: string
  notForLoan: boolean
  status: CopyInput['status']
}

const STATUS: Record<string, CopyInput['status']> = {
  on_shelf: 'on_shelf',
  在架: 'on_shelf',
  missing: 'missing',
  不明: 'missing',
  所在不明: 'missing',
}

export function copyFromCsv(r: Record<string, string>): { value: CopyCsv } | { refusal: Refusal } {
  const f = all({
    barcode: required(r, 'barcode', '資料番号（バーコード）'),
    library: required(r, 'library', '所蔵館'),
    notForLoan: flag(r, 'not_for_loan'),
    status: oneOf(r, 'status', STATUS, 'on_shelf'),
  })
  if ('refusal' in f) return f
  const recordId = r.record_id || null
  const isbn = r.isbn ? isbn13(r.isbn) : null
  if (r.isbn && !isbn)
    return { refusal: refuse('isbn', 'ISBN が正しくありません', 'the ISBN is not valid') }
  if (!recordId && !isbn)
    return {
      refusal: refuse(
        'record_id',
        '書誌ID か ISBN のどちらかが必要です',
        'needs a record_id or an ISBN',
      ),
    }
  return { value: { ...f.value, recordId, isbn, shelf: r.shelf ?? '' } }
}

export const copiesKind: Kind<CopyCsv> = {
  name: 'copies',
  unit: () => 'line',
  read: (path, o) =>
    csvItems(
      path,
      { encoding: o.encoding, required: ['barcode', 'library'], onBytes: o.onBytes },
      copyFromCsv,
    ),
  async write({ db, run }, rows) {
    const bySource = await titleIdsBySource(
      db,
      rows.flatMap((r) => (r.value.recordId ? [r.value.recordId] : [])),
    )
    const byIsbn = await titleIdsByIsbn(
      db,
      rows.flatMap((r) => (r.value.isbn ? [r.value.isbn] : [])),
    )
    const placeIds = await placeIdsByCode(db)
    const good: CopyInput[] = []
    const refused: { at: number; refusal: Refusal }[] = []
    for (const { at, value: c } of rows) {
      const titleId =
        (c.recordId && bySource.get(c.recordId)) || (c.isbn && byIsbn.get(c.isbn)) || null
      const libraryId = placeIds.get(c.library)
      if (!titleId)
        refused.push({
          at,
          refusal: refuse(
            c.recordId ? 'record_id' : 'isbn',
            `書誌「${c.recordId ?? c.isbn}」が目録にありません（先に catalogue を取り込んでください）`,
            `no catalogue record "${c.recordId ?? c.isbn}" (import the catalogue first)`,
          ),
        })
      else if (!libraryId)
        refused.push({
          at,
          refusal: refuse(
            'library',
            `館コード「${c.library}」がありません（先に places を取り込んでください）`,
            `no place with code "${c.library}" (import places first)`,
          ),
        })
      else
        good.push({
          barcode: c.barcode,
          titleId,
          libraryId,
          callNumber: c.shelf,
          notForLoan: c.notForLoan,
          status: c.status,
        })
    }
    return {
      refused,
      statements: [
        ...upsertCopies(db, good, run).map((statement) => ({
          statement,
          tally: 'upsert' as const,
        })),
        ...markSeen(
          db,
          'copies',
          'barcode',
          good.map((c) => c.barcode),
          run,
        ).map((statement) => ({ statement, tally: 'none' as const })),
      ],
    }
  },
  finish: ({ run, sync, complete }) =>
    sync || !complete ? [] : [{ statement: withdrawUnseen('copies', run), tally: 'withdraw' }],
}
