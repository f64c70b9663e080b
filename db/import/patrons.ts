/**
 * `patrons`: CSV/TSV `number, name, name_yomi, phone, email, category, expires_on,
 * home_library`, upserted by patron number (利用者番号). Passwords are never imported: each
 * patron registers one (新規パスワード登録) as the library's guide says. Patrons are not
 * withdrawn when absent: a registration ends by its expiry date, which the library exports.
 */
import type { PatronCategory } from '../../core/types.ts'
import { type PatronInput, upsertPatrons } from '../import-rows.ts'
import { all, date, email, oneOf, phone, required } from './csv-fields.ts'
import { csvItems } from './csv-read.ts'
import type { Kind } from './kind.ts'
import { placeIdsByCode } from './lookups.ts'
import { katakana } from './marc-title.ts'
import { type Refusal, refuse } from './rejections.ts'

export const PATRON_COLUMNS = [
  'number',
  'name',
  'name_yomi',
  'phone',
  'email',
  'category',
  'expires_on',
  'home_library',
] as const

const CATEGORY: Record<string, PatronCategory> = {
  general: 'general',
  一般: 'general',
  wide_area: 'wide_area',
  広域: 'wide_area',
  広域利用: 'wide_area',
  print_disabled: 'print_disabled',
  録音図書: 'print_disabled',
  録音図書サービス: 'print_disabled',
}

export type PatronCsv = Omit<PatronInput, 'homeLibraryId'> & { homeLibrary: string | null }

export function patronFromCsv(
  r: Record<string, string>,
): { value: PatronCsv } | { refusal: Refusal } {
  const f = all({
    number: required(r, 'number', '利用者番号'),
    name: required(r, 'name', '氏名'),
    phone: phone(r, 'phone'),
    email: email(r, 'email'),
    category: oneOf(r, 'category', CATEGORY, 'general'),
    expiresOn: date(r, 'expires_on'),
  })
  if ('refusal' in f) return f
  if (!/^[0-9A-Za-z-]{1,32}$/.test(f.value.number))
    return {
      refusal: refuse(
        'number',
        '利用者番号は英数字で書いてください',
        'the patron number must be letters and digits',
      ),
    }
  return {
    value: {
      ...f.value,
      nameYomi: katakana(r.name_yomi ?? ''),
      homeLibrary: r.home_library || null,
    },
  }
}

export const patronsKind: Kind<PatronCsv> = {
  name: 'patrons',
  unit: () => 'line',
  read: (path, o) =>
    csvItems(
      path,
      { encoding: o.encoding, required: ['number', 'name'], onBytes: o.onBytes },
      patronFromCsv,
    ),
  async write({ db, run }, rows) {
    const placeIds = await placeIdsByCode(db)
    const good: PatronInput[] = []
    const refused: { at: number; refusal: Refusal }[] = []
    for (const { at, value: p } of rows) {
      const homeLibraryId =
        p.homeLibrary === null ? null : (placeIds.get(p.homeLibrary) ?? undefined)
      if (homeLibraryId === undefined)
        refused.push({
          at,
          refusal: refuse(
            'home_library',
            `館コード「${p.homeLibrary}」がありません（先に places を取り込んでください）`,
            `no place with code "${p.homeLibrary}" (import places first)`,
          ),
        })
      else {
        const { homeLibrary: _, ...rest } = p
        good.push({ ...rest, homeLibraryId })
      }
    }
    return {
      refused,
      statements: upsertPatrons(db, good, run).map((statement) => ({ statement, tally: 'upsert' })),
    }
  },
  finish: () => [],
}
