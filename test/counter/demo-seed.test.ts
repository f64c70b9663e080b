/**
 * The counter over the demo library (db/seed), as a librarian trying bunko would meet it: the
 * ordinary demo patron's loans and holds, the blocked one, and a return that another patron
 * reserved landing on the right hold shelf.
 */
import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { copies, holds, loans, places } from '../../db/schema.ts'
import { patronNumber } from '../../db/seed/demo-people.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { DeskClient, text } from './desk-client.ts'
import { harness, NOW } from './fixture.ts'

/** Seeded once for the file (it is the full demo library); only the last test changes it. */
let seeded: Promise<Awaited<ReturnType<typeof harness>> & { desk: DeskClient }> | undefined
function demo() {
  seeded ??= (async () => {
    const h = await harness({ library: (db) => seedDemo(db, NOW) })
    return { ...h, desk: await new DeskClient(h.app).signedIn() }
  })()
  return seeded
}

describe('the counter over the demo library', { timeout: 120_000 }, () => {
  it('shows the ordinary patron with overdue loans and holds in every state', async () => {
    const h = await demo()
    const found = await h.desk.post('/counter/patron', { number: `A${patronNumber(1)}A` })
    expect(found.res.status).toBe(303)
    const page = text((await h.desk.get(found.res.headers.get('location')!)).html)
    expect(page).toContain('山田 花子')
    expect(page).toMatch(/延滞 \d+日/)
    expect(page).toContain('確保中（受取待ち）')
    expect(page).toMatch(/予約待ち \d+位/)
  })

  it('marks the long-overdue demo patron as blocked', async () => {
    const h = await demo()
    const pages = await Promise.all(
      [2, 3, 4, 5, 6].map(async (id) => text((await h.desk.get(`/counter/patrons/${id}`)).html)),
    )
    expect(pages.some((p) => p.includes('長期延滞') && p.includes('貸出できません'))).toBe(true)
  })

  it('a returned loan that another patron reserved goes to their pickup place', async () => {
    const h = await demo()
    const [wanted] = await h.db.orm
      .select({ barcode: copies.barcode, titleId: copies.titleId })
      .from(loans)
      .innerJoin(copies, eq(copies.id, loans.copyId))
      .where(and(eq(loans.patronId, 1), isNull(loans.returnedAt), eq(loans.interLibrary, false)))
      .innerJoin(holds, and(eq(holds.titleId, copies.titleId), eq(holds.state, 'waiting')))
    expect(wanted).toBeDefined()
    const { html } = await h.desk.submit('/counter/return', { barcode: wanted!.barcode })
    const [ready] = await h.db.orm
      .select({ place: places.name, id: holds.id })
      .from(holds)
      .innerJoin(places, eq(places.id, holds.pickupPlaceId))
      .innerJoin(copies, eq(copies.id, holds.copyId))
      .where(and(eq(copies.barcode, wanted!.barcode), eq(holds.state, 'ready')))
    expect(ready).toBeDefined()
    expect(text(html)).toContain(`予約あり：${ready!.place}`)
  })
})
