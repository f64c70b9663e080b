/**
 * The database a Node command works on: the SQLite file at DATABASE_PATH (default
 * data/bunko.db, created and migrated if need be), or a D1 binding through wrangler (`--d1`).
 * Shared by import, export, backup and the account commands (staff:add, kiosk:add).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
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
