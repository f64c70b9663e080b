/**
 * Field checks shared by the CSV kinds: each returns the clean value or a refusal naming the
 * column, in Japanese and English. Japanese words a library system writes (在架, 一般, 図書館…)
 * are accepted beside bunko's own codes.
 */
import { type Refusal, refuse } from './rejections.ts'

export type Field<T> = { ok: true; value: T } | { ok: false; refusal: Refusal }
const ok = <T>(value: T): Field<T> => ({ ok: true, value })
const no = (field: string, ja: string, en: string): Field<never> => ({
  ok: false,
  refusal: refuse(field, ja, en),
})

export function required(row: Record<string, string>, col: string, label: string): Field<string> {
  const v = row[col] ?? ''
  return v ? ok(v.normalize('NFKC')) : no(col, `${label}が空です`, `${col} is empty`)
}

/** One of `allowed` (bunko's code), or a Japanese word that means it. */
export function oneOf<T extends string>(
  row: Record<string, string>,
  col: string,
  words: Record<string, T>,
  fallback: T,
): Field<T> {
  const v = (row[col] ?? '').normalize('NFKC').trim()
  if (!v) return ok(fallback)
  const hit = words[v] ?? words[v.toLowerCase()]
  if (hit) return ok(hit)
  const list = [...new Set(Object.values(words))].join(', ')
  return no(col, `「${v}」は使えません（${list} のどれか）`, `"${v}" is not one of ${list}`)
}

export function date(row: Record<string, string>, col: string): Field<string | null> {
  const v = (row[col] ?? '').normalize('NFKC').replaceAll('/', '-')
  if (!v) return ok(null)
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v)
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : ''
  const d = new Date(`${iso}T00:00:00Z`)
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    return no(
      col,
      `日付「${v}」が読めません（例: 2027-03-31）`,
      `cannot read the date "${v}" (e.g. 2027-03-31)`,
    )
  return ok(iso)
}

export function flag(row: Record<string, string>, col: string): Field<boolean> {
  const v = (row[col] ?? '').normalize('NFKC').trim().toLowerCase()
  if (['', '0', 'false', 'no', 'いいえ'].includes(v)) return ok(false)
  if (['1', 'true', 'yes', 'はい', '禁帯出', '○'].includes(v)) return ok(true)
  return no(col, `「${v}」は 1 か 0 で書いてください`, `"${v}" must be 1 or 0`)
}

export function phone(row: Record<string, string>, col: string): Field<string> {
  const v = (row[col] ?? '').normalize('NFKC').trim()
  if (v && !/^[\d\-() ]{6,20}$/.test(v))
    return no(col, `電話番号「${v}」が読めません`, `cannot read the phone number "${v}"`)
  return ok(v)
}

export function email(row: Record<string, string>, col: string): Field<string | null> {
  const v = (row[col] ?? '').normalize('NFKC').trim()
  if (!v) return ok(null)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || v.length > 254)
    return no(col, `メールアドレス「${v}」が読めません`, `cannot read the e-mail address "${v}"`)
  return ok(v)
}

/** Collects fields; the first refusal wins, so a row reports one clear reason. */
export function all<T extends Record<string, Field<unknown>>>(
  fields: T,
): { value: { [K in keyof T]: T[K] extends Field<infer V> ? V : never } } | { refusal: Refusal } {
  const out: Record<string, unknown> = {}
  for (const [k, f] of Object.entries(fields)) {
    if (!f.ok) return { refusal: f.refusal }
    out[k] = f.value
  }
  return { value: out as never }
}
