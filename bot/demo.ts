/**
 * The demo library that `npm start` and `npm run dev:worker` load into an empty database,
 * and its counter account (listed in README.md). A real library creates its staff with
 * `npm run staff:add` and never sees either.
 */
import type { Db } from '../db/client.ts'
import { seedDemo } from '../db/seed/load.ts'
import { upsertStaff } from '../db/staff.ts'

export const DEMO_STAFF = { login: 'demo', name: 'デモ職員', password: 'demo-desk-2026' }

/** Load the demo library and its desk account when the database is empty; true if it did. */
export async function seedDemoLibrary(db: Db, now: number): Promise<boolean> {
  if (!(await seedDemo(db, now))) return false
  await upsertStaff(db, DEMO_STAFF, now)
  return true
}
