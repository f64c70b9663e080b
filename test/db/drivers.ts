/** How each driver opens a fresh, migrated database with the fixture in it. */
import type { Db } from '../../db/client.ts'
import { buildFixture } from './fixture.ts'

export type OpenDb = () => Promise<Db>

/** Wraps a driver's opener so every test starts from the fixture library. */
export function withFixture(open: OpenDb): OpenDb {
  return async () => {
    const db = await open()
    await buildFixture(db)
    return db
  }
}
