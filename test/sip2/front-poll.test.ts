/**
 * The front-mode notice poll's question for one patron (notices.pollPatron) against bunko's
 * own SIP2 server over TCP: it finds the same ready holds and overdue loans as the embedded
 * system, with one 63 for a patron with nothing overdue and a second 63 (AT) only for one who
 * has overdue items, counted at the proxy; a dropped answer is read again, an outage is
 * `library_unavailable` (the poll then fails its slot, and the catch-up runs it again), and a
 * patron the ILS says it does not know is `unknown_patron` (the poll leaves them as they were).
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibrarySystem } from '../../core/index.ts'
import { embeddedLibrarySystem } from '../../db/library-system.ts'
import { type Front, startFront, value } from './front.ts'
import { type Sip2Test, startSip2 } from './harness.ts'

let t: Sip2Test
let fr: Front
let embedded: LibrarySystem
const now = () => t.b.clock.now()
const both = { holdReady: true, overdue: true }

beforeAll(async () => {
  t = await startSip2()
  fr = await startFront(t)
  embedded = embeddedLibrarySystem(t.b.db, t.b.config.policy)
  // The first operation reads 98; count only what the poll asks after it.
  await fr.library.places()
  value(await fr.library.patron(1))
})
afterAll(async () => {
  await fr?.close()
  await t?.close()
})

/** What the embedded system says the patron has ready and overdue. */
async function truth(patronId: number) {
  const holds = value(await embedded.holds({ patronId }, now()))
  const loans = value(await embedded.loans(patronId, now()))
  return {
    ready: holds
      .filter((h) => h.state === 'ready')
      .map((h) => h.title)
      .sort(),
    overdue: loans
      .filter((l) => l.overdue)
      .map((l) => l.barcode)
      .sort(),
  }
}

describe('SIP2 adapter: the notice poll for one patron', () => {
  it('finds every demo patron’s ready holds and overdue loans, in one 63 unless something is overdue', async () => {
    const ids = await t.b.db.all<{ id: number }>(sql`SELECT id FROM patrons ORDER BY id`)
    let readySeen = 0
    let overdueSeen = 0
    for (const { id } of ids) {
      const want = await truth(id)
      const before = { p: fr.proxy.count('63'), i: fr.proxy.count('17') }
      const got = value(await fr.library.notices.pollPatron!(id, both, now()))
      expect({
        ready: got.ready.map((h) => h.title).sort(),
        overdue: got.overdue.map((l) => l.barcode).sort(),
      }).toEqual(want)
      const asked63 = fr.proxy.count('63') - before.p
      expect(asked63).toBe(want.overdue.length ? 2 : 1)
      expect(fr.proxy.count('17') - before.i).toBeLessThanOrEqual(want.overdue.length)
      readySeen += want.ready.length
      overdueSeen += want.overdue.length
    }
    // The demo library has both kinds somewhere, or this test would prove little.
    expect(readySeen).toBeGreaterThan(0)
    expect(overdueSeen).toBeGreaterThan(0)
  })

  it('retries a dropped 63 (a read) and answers library_unavailable while the ILS is down', async () => {
    fr.proxy.fail('63', 'drop-answer')
    expect(value(await fr.library.notices.pollPatron!(1, both, now()))).toBeTruthy()
    fr.proxy.down()
    try {
      const down = await fr.library.notices.pollPatron!(1, both, now())
      expect(down).toMatchObject({ ok: false, reason: 'library_unavailable' })
    } finally {
      fr.proxy.up()
    }
    expect(value(await fr.library.notices.pollPatron!(1, both, now()))).toBeTruthy()
  })

  it('a patron the ILS says it does not know (BL N) is unknown_patron, not a patron with nothing ready', async () => {
    const ids = await t.b.db.all<{ id: number }>(sql`SELECT id FROM patrons ORDER BY id`)
    let id = 0
    for (const row of ids)
      if ((await truth(row.id)).ready.length > 0) {
        id = row.id
        break
      }
    expect(id).toBeGreaterThan(0)
    fr.proxy.fail('63', 'unknown-patron')
    const left = await fr.library.notices.pollPatron!(id, both, now())
    expect(left).toMatchObject({ ok: false, reason: 'unknown_patron' })
    // Listed again at the next question: the same ready holds.
    const back = value(await fr.library.notices.pollPatron!(id, both, now()))
    expect(back.ready.map((h) => h.title).sort()).toEqual((await truth(id)).ready)
    // BL N that still lists and counts the items (some ILSs, for a barred patron): read as is.
    fr.proxy.fail('63', 'barred')
    const barred = value(await fr.library.notices.pollPatron!(id, both, now()))
    expect(barred.ready.map((h) => h.title).sort()).toEqual((await truth(id)).ready)
  })

  it('asks only for the list the patron wants notices of', async () => {
    const ids = await t.b.db.all<{ id: number }>(sql`SELECT id FROM patrons ORDER BY id`)
    for (const { id } of ids.slice(0, 20)) {
      const want = await truth(id)
      const onlyOverdue = value(
        await fr.library.notices.pollPatron!(id, { holdReady: false, overdue: true }, now()),
      )
      expect(onlyOverdue.ready).toEqual([])
      expect(onlyOverdue.overdue.map((l) => l.barcode).sort()).toEqual(want.overdue)
      const before = fr.proxy.count('63')
      const onlyReady = value(
        await fr.library.notices.pollPatron!(id, { holdReady: true, overdue: false }, now()),
      )
      expect(fr.proxy.count('63') - before).toBe(1)
      expect(onlyReady.overdue).toEqual([])
      expect(onlyReady.ready.map((h) => h.title).sort()).toEqual(want.ready)
    }
  })
})
