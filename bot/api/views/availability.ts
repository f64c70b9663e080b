/**
 * The 詳細 page's availability: every copy of one title, grouped by the library that owns it,
 * with its call number, where it is now, its state and, when lent, its due date. The search
 * list shows counts per library (the port's `availability`); the detail page shows the copies
 * themselves (the port's `copies`), libraries in the library system's order.
 */
import { isUnavailable, type LibrarySystem } from '../../../core/library-system.ts'
import type { CopyStatus, Lang, LibraryAvailability } from '../../../liff/api-types.ts'
import { reached } from '../library.ts'
import { placeName, placesById } from './places.ts'

const STATUS = {
  on_shelf: 'on_shelf',
  on_loan: 'on_loan',
  in_transit: 'in_transit',
  on_hold_shelf: 'held_for_pickup',
} as const

export async function availability(
  library: LibrarySystem,
  title: { id: number; notForLoan: boolean },
  lang: Lang,
): Promise<LibraryAvailability[] | null> {
  const answer = await library.copies(title.id)
  // The system stopped after it named the title: the page shows the copies as unknown.
  if (isUnavailable(answer)) return null
  const rows = reached(answer, lang)
  const byId = await placesById(
    library,
    rows.flatMap((r) => (r.placeId === null ? [r.libraryId] : [r.libraryId, r.placeId])),
    lang,
  )
  const out: LibraryAvailability[] = []
  for (const library of byId.values()) {
    const mine = rows.filter((r) => r.libraryId === library.id)
    // A copy recorded missing cannot be had; listing it would only send a patron looking.
    const listed = mine.filter((r) => r.status !== 'missing')
    if (listed.length === 0) continue
    out.push({
      library: { id: library.id, name: placeName(library, lang), phone: library.phone },
      copies: listed.map((copy) => {
        const status: CopyStatus =
          title.notForLoan && copy.status === 'on_shelf'
            ? 'not_for_loan'
            : STATUS[copy.status as keyof typeof STATUS]
        // Where it is only when that is not the library it belongs to: under that library's
        // own heading its name again says nothing (a patron walk: 中央図書館 / 中央図書館 913.6).
        const here =
          copy.placeId === null || copy.placeId === library.id ? null : byId.get(copy.placeId)
        return {
          callNumber: copy.callNumber,
          location: here ? placeName(here, lang) : '',
          status,
          dueDate: status === 'on_loan' ? copy.dueDate : null,
        }
      }),
    })
  }
  return out
}
