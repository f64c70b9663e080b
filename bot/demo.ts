/**
 * The demo library that `npm start` and `npm run dev:worker` load into an empty database,
 * and its counter account (listed in README.md). A real library creates its staff with
 * `npm run staff:add` and never sees either.
 */
import type { Db } from '../db/client.ts'
import { seedDemo } from '../db/seed/load.ts'
import { upsertStaff } from '../db/staff.ts'
import { addKiosk } from './sip2/server/kiosks.ts'

export const DEMO_STAFF = { login: 'demo', name: 'デモ職員', password: 'demo-desk-2026' }

/** The demo self-check kiosk (SIP2), standing in 中央図書館. */
export const DEMO_KIOSK = {
  login: 'demo-kiosk',
  password: 'demo-kiosk-2026',
  institutionId: 'hirakata',
  placeName: '中央図書館',
}

/** Load the demo library and its desk account when the database is empty; true if it did. */
export async function seedDemoLibrary(db: Db, now: number): Promise<boolean> {
  if (!(await seedDemo(db, now))) return false
  await upsertStaff(db, DEMO_STAFF, now)
  const kiosk = await addKiosk(db, DEMO_KIOSK, now)
  if (!kiosk.ok) throw new Error(`demo kiosk: ${kiosk.reason}`)
  return true
}
