/**
 * What an import refuses, row by row: the file, the line (CSV) or record number (MARC), the
 * field and the reason in Japanese and English, so the library can fix its export and re-run.
 */
export interface Rejection {
  file: string
  /** CSV line (the header is line 1) or MARC record number (the first is 1). */
  at: number
  field: string
  ja: string
  en: string
}

/** A rejection before the file name and position are known (the row mappers return these). */
export interface Refusal {
  field: string
  ja: string
  en: string
}

export const refuse = (field: string, ja: string, en: string): Refusal => ({ field, ja, en })

export type Mapped<T> = { ok: true; value: T } | { ok: false; refusal: Refusal }

/** One line a person reads: `books.mrc record 12, 245: タイトルがありません / no title`. */
export function rejectionLine(r: Rejection, unit: 'line' | 'record'): string {
  const where = unit === 'line' ? `${r.at}行目` : `${r.at}件目`
  return `${r.file} ${where} (${unit} ${r.at}) [${r.field}] ${r.ja} / ${r.en}`
}

export interface Summary {
  kind: string
  read: number
  added: number
  changed: number
  unchanged: number
  withdrawn: number
  rejected: number
  dryRun: boolean
  /** Set when the run carried on an interrupted one: rows up to here were already in. */
  resumedAfter?: number
}

/** The table a run ends with. */
export function summaryTable(s: Summary): string {
  const rows: [string, string, number][] = s.dryRun
    ? [
        ['読み込み', 'read', s.read],
        ['取り込み可', 'would load', s.read - s.rejected],
        ['エラー', 'rejected', s.rejected],
      ]
    : [
        ['読み込み', 'read', s.read],
        ['新規', 'added', s.added],
        ['更新', 'changed', s.changed],
        ['変更なし', 'unchanged', s.unchanged],
        ['除籍', 'withdrawn', s.withdrawn],
        ['エラー', 'rejected', s.rejected],
      ]
  const width = Math.max(...rows.map((r) => r[2].toLocaleString('en').length))
  const title = s.dryRun
    ? `${s.kind}: 試行（--dry-run、何も変更していません） / dry run, nothing changed`
    : `${s.kind}: 取り込み結果 / import summary`
  const lines = rows.map(
    ([ja, en, n]) => `  ${n.toLocaleString('en').padStart(width)}  ${ja} / ${en}`,
  )
  const resumed =
    s.resumedAfter === undefined
      ? []
      : [
          `  中断した取り込みを ${s.resumedAfter + 1} 件目から再開しました（新規・更新は再開後の件数） / resumed after ${s.resumedAfter}: added and changed count from there`,
        ]
  return [title, ...resumed, ...lines].join('\n')
}
