/**
 * CSV for Excel: UTF-8 with a byte-order mark (so Japanese headers open correctly), CRLF line
 * ends, fields quoted when they hold a comma, quote or line break (RFC 4180).
 */
export type Cell = string | number | null

export interface Table {
  columns: string[]
  rows: Cell[][]
}

const field = (v: Cell) => {
  const s = v === null ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

export function toCsv(t: Table): string {
  const lines = [t.columns, ...t.rows].map((r) => r.map(field).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
