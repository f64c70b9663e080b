/**
 * `tsx test/notices/bench-seed.ts FILE N SLOT`: the notice benchmark's database (N hold-ready
 * notices due at SLOT), written in its own process so that what seeding leaves behind (its
 * garbage, the SQLite page cache it filled, the allocator's high-water mark) is not in the
 * dispatching process's memory readings; bench.ts runs it before opening the file.
 */
import { migrate, openSqlite } from '../../db/sqlite.ts'
import { seedReadyNotices } from '../support/ready-notices.ts'

const [file, n, slot] = process.argv.slice(2)
if (!file || !Number.isInteger(Number(n)) || !Number.isInteger(Number(slot))) {
  console.error('usage: tsx test/notices/bench-seed.ts FILE N SLOT')
  process.exit(2)
}
const db = openSqlite(file)
migrate(db)
await seedReadyNotices(db, { n: Number(n), slot: Number(slot), pickupBy: '2026-06-17' })
db.close()
