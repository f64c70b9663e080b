/**
 * `npm run export -- <kind> [--out file.csv] [--encoding utf-8|shift_jis] [--d1 <binding> [--remote]]`
 *
 * Writes places, calendar, catalogue, copies or patrons in the CSV form `npm run import`
 * reads (to stdout without --out), from the SQLite file at DATABASE_PATH or from D1. UTF-8
 * files start with a byte-order mark so Excel opens them as UTF-8. Passwords never leave.
 */
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { EXPORTS } from '../import-export.ts'
import type { Encoding } from './csv-read.ts'
import { writeCsv } from './csv-write.ts'
import { openTarget } from './target.ts'

const USAGE = `usage: npm run export -- <${Object.keys(EXPORTS).join('|')}> [--out file.csv]
       [--encoding utf-8|shift_jis] [--d1 <binding> [--remote]]`

async function main(): Promise<number> {
  const args = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      encoding: { type: 'string', default: 'utf-8' },
      d1: { type: 'string' },
      remote: { type: 'boolean', default: false },
    },
  })
  const kind = EXPORTS[args.positionals[0] ?? '']
  const encoding = args.values.encoding
  if (!kind || !['utf-8', 'shift_jis'].includes(encoding)) {
    console.error(USAGE)
    return 2
  }
  const target = await openTarget(args.values.d1, args.values.remote ?? false)
  try {
    const out: Writable = args.values.out ? createWriteStream(args.values.out) : process.stdout
    await writeCsv(target.db, kind, out, encoding as Encoding)
    return 0
  } finally {
    await target.close()
  }
}

process.exitCode = await main()
