/**
 * `npm run backup -- [--out file] [--sql] [--d1 <binding> [--remote]]`
 *
 * Without options: a consistent copy of the SQLite file at DATABASE_PATH, taken with SQLite's
 * online backup API while bunko keeps running (WAL included), to data/backups/bunko-<Japan time>.db.
 * Restore it by stopping bunko and copying it over DATABASE_PATH (README).
 * With --sql or --d1: the portable SQL backup (db/backup.ts), which D1 and SQLite both
 * restore with `npm run restore`.
 */
import { createWriteStream, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { formatClock, jstDate, jstMinuteOfDay } from '../../core/dates.ts'
import { dumpSql } from '../backup.ts'
import { openTarget } from './target.ts'

/** The file name's time in Japan time, as the library's staff read a clock: 20261205-081421. */
const stamp = (now = Date.now()) => {
  const seconds = String(new Date(now).getUTCSeconds()).padStart(2, '0')
  return `${jstDate(now).replace(/-/g, '')}-${formatClock(jstMinuteOfDay(now)).replace(':', '')}${seconds}`
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      sql: { type: 'boolean', default: false },
      d1: { type: 'string' },
      remote: { type: 'boolean', default: false },
    },
  })
  const portable = values.sql || values.d1 !== undefined
  const out = values.out ?? `data/backups/bunko-${stamp()}.${portable ? 'sql' : 'db'}`
  mkdirSync(dirname(out), { recursive: true })
  if (!portable) {
    const source = new Database(process.env.DATABASE_PATH || 'data/bunko.db', {
      readonly: true,
      fileMustExist: true,
    })
    try {
      await source.backup(out)
    } finally {
      source.close()
    }
    console.error(`${out} に保存しました / saved to ${out}`)
    return 0
  }
  const target = await openTarget(values.d1, values.remote ?? false)
  try {
    const lines = async function* () {
      for await (const line of dumpSql(target.db)) yield `${line}\n`
    }
    await pipeline(Readable.from(lines()), createWriteStream(out))
    console.error(`${out} に保存しました / saved to ${out}`)
    return 0
  } finally {
    await target.close()
  }
}

process.exitCode = await main()
