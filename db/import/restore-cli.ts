/**
 * `npm run restore -- <backup.sql> [--d1 <binding> [--remote]]`: loads a portable backup
 * (`npm run backup -- --sql`, or `--d1` from Workers) into the SQLite file at DATABASE_PATH
 * (created and migrated) or into D1 (migrations applied first with wrangler). The target must
 * hold no library yet; the search indexes are rebuilt at the end.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { restoreSql } from '../backup.ts'
import { openTarget } from './target.ts'

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { d1: { type: 'string' }, remote: { type: 'boolean', default: false } },
  })
  const file = positionals[0]
  if (!file) {
    console.error('usage: npm run restore -- <backup.sql> [--d1 <binding> [--remote]]')
    return 2
  }
  const target = await openTarget(values.d1, values.remote ?? false)
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
    const n = await restoreSql(target.db, lines)
    console.error(`${n} 文を復元しました / restored ${n} statements`)
    return 0
  } catch (e) {
    console.error((e as Error).message)
    return 1
  } finally {
    await target.close()
  }
}

process.exitCode = await main()
