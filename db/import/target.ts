/**
 * The database a Node command works on: the SQLite file at DATABASE_PATH (default
 * data/bunko.db, created and migrated if need be), or a D1 binding through wrangler (`--d1`).
 * Shared by import, export, backup and the account commands (staff:add, kiosk:add).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { Db } from '../client.ts'
import { migrate, openSqlite } from '../sqlite.ts'

export interface Target {
  db: Db
  close(): Promise<void>
}

export async function openTarget(d1: string | undefined, remote: boolean): Promise<Target> {
  if (d1) {
    const { openWranglerD1 } = await import('./d1.ts')
    return openWranglerD1(d1, remote)
  }
  const path = process.env.DATABASE_PATH || 'data/bunko.db'
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = openSqlite(path)
  migrate(db)
  return { db, close: async () => db.close() }
}

/**
 * A command's arguments with the target options every database command shares (`--d1
 * <binding>`, `--remote`) besides its own: for staff:add, kiosk:add and the like. Throws on
 * an unknown option; `--remote` without `--d1` is refused (there is no remote SQLite).
 */
export function targetArgs(
  argv: string[],
  own: NonNullable<ParseArgsConfig['options']> = {},
): {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
  d1: string | undefined
  remote: boolean
} {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { ...own, d1: { type: 'string' }, remote: { type: 'boolean', default: false } },
  })
  const d1 = values.d1 as string | undefined
  const remote = values.remote === true
  if (remote && !d1)
    throw new Error('--remote は --d1 と一緒に使います / --remote needs --d1 <binding>')
  return { values: values as Record<string, string | boolean | undefined>, positionals, d1, remote }
}
