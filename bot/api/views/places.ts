/** Places as the app shows them: pickup places with phone, hours and pickup days (HOLD-PICKUP). */
import type { LibraryPlace, LibrarySystem } from '../../../core/library-system.ts'
import { hoursText } from '../../../core/opening-hours.ts'
import type { Policy } from '../../../core/policy.ts'
import type { Contact, Lang, PickupPlace } from '../../../liff/api-types.ts'
import { reached } from '../library.ts'

/** The library-wide contact (policy `contact`), for refusals about no particular place. */
export function contactOf(policy: Policy, lang: Lang): Contact {
  return { name: policy.contact[lang], phone: policy.contact.phone }
}

export function placeName(row: Pick<LibraryPlace, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && row.nameEn ? row.nameEn : row.name
}

export function placeContact(
  row: Pick<LibraryPlace, 'name' | 'nameEn' | 'phone'>,
  lang: Lang,
): Contact {
  return { name: placeName(row, lang), phone: row.phone }
}

/**
 * The library system's places by id, in its own order: the active ones in one request, then
 * any of `ids` not among them (a place since closed) one by one. Unknown ids are left out.
 */
export async function placesById(
  library: LibrarySystem,
  ids: Iterable<number>,
  lang: Lang,
): Promise<Map<number, LibraryPlace>> {
  const byId = new Map(reached(await library.places(), lang).map((p) => [p.id, p]))
  for (const id of new Set(ids))
    if (!byId.has(id)) {
      const one = reached(await library.place(id), lang)
      if (one) byId.set(id, one)
    }
  return byId
}

export function pickupPlace(row: LibraryPlace, lang: Lang, policy: Policy): PickupPlace {
  return {
    id: row.id,
    name: placeName(row, lang),
    kind: row.kind,
    phone: row.phone,
    hours: hoursText(row.openingHours, lang, row.kind),
    pickupDays: row.kind === 'locker' ? policy.pickup.lockerDays : policy.pickup.days,
  }
}
