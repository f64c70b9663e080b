/**
 * The 詳細 page's availability: every copy of one title, grouped by the library that owns it,
 * with its call number, where it is now, its state and, when lent, its due date. db's
 * catalogue gives counts per library (what a result list needs); the detail page shows the
 * copies themselves, so this read is the page's own.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { copies, loans, type places } from '../../../db/schema.ts'
import type { CopyStatus, Lang, LibraryAvailability } from '../../../liff/api-types.ts'
import { placeName } from './places.ts'

type PlaceRow = typeof places.$inferSelect

const STATUS = {
  on_shelf: 'on_shelf',
  on_loan: 'on_loan',
  in_transit: 'in_transit',
  on_hold_shelf: 'held_for_pickup',
} as const

export async function availability(
  db: Db,
  title: { id: number; notForLoan: boolean },
  placeRows: readonly PlaceRow[],
  lang: Lang,
): Promise<LibraryAvailability[]> {
  const rows = await db.orm
    .select({ copy: copies, dueDate: loans.dueDate })
    .from(copies)
    .leftJoin(loans, and(eq(loans.copyId, copies.id), isNull(loans.returnedAt)))
    .where(eq(copies.titleId, title.id))
    .orderBy(copies.id)
  const byId = new Map(placeRows.map((p) => [p.id, p]))
  const out: LibraryAvailability[] = []
  for (const library of [...placeRows].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)) {
    const mine = rows.filter((r) => r.copy.homeLibraryId === library.id)
    // A copy recorded missing cannot be had; listing it would only send a patron looking.
    const listed = mine.filter((r) => r.copy.status !== 'missing')
    if (listed.length === 0) continue
    out.push({
      library: { id: library.id, name: placeName(library, lang), phone: library.phone },
      copies: listed.map(({ copy, dueDate }) => {
        const status: CopyStatus =
          title.notForLoan && copy.status === 'on_shelf'
            ? 'not_for_loan'
            : STATUS[copy.status as keyof typeof STATUS]
        const here = copy.currentPlaceId === null ? null : byId.get(copy.currentPlaceId)
        return {
          callNumber: copy.callNumber,
          location: here ? placeName(here, lang) : '',
          status,
          dueDate: status === 'on_loan' ? (dueDate ?? null) : null,
        }
      }),
    })
  }
  return out
}
