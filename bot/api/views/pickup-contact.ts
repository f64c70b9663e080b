/**
 * Whom a patron phones about a hold (HOLD-CANCEL, HOLD-CHANGE, HOLD-SUSPEND): core's
 * pickupContact over the library system's places, so a hold at a locker or a bookmobile
 * station names the library that runs it with that library's own number (a patron walk: the
 * call button named the locker and dialled its library).
 */
import {
  type Contact as CoreContact,
  type LibrarySystem,
  type Policy,
  pickupContact,
  placeWithRunner,
} from '../../../core/index.ts'
import type { Contact, Lang } from '../../../liff/api-types.ts'
import { answered, reached } from '../library.ts'

/** A contact as the contract has it: the name in the request's language. */
export function contactIn(contact: CoreContact, lang: Lang): Contact {
  return { name: contact[lang], phone: contact.phone }
}

/**
 * A place and the library that runs it, from the library system; null for an unknown id. The
 * runner only while in service (among `places`, as the holds list finds it, placesById), so a
 * locker whose library is closed for works gives the library-wide contact on every path.
 */
export async function pickupOf(library: LibrarySystem, id: number, lang: Lang) {
  const row = reached(await library.place(id), lang)
  if (!row) return null
  if (row.parentId === null) return placeWithRunner(row)
  const runner = reached(await library.places(), lang).find((p) => p.id === row.parentId)
  return placeWithRunner(row, runner)
}

/**
 * Whom to phone about the patron's hold `holdId`: its pickup place's library, or the library
 * itself when the system does not say where it is collected; null when it is not theirs.
 */
export async function holdContactOf(
  { library, policy }: { library: LibrarySystem; policy: Policy },
  { patronId, holdId }: { patronId: number; holdId: number },
  now: number,
  lang: Lang,
): Promise<Contact | null> {
  const listed = answered(await library.holds({ patronId }, now), lang)
  const hold = listed.ok ? listed.value.find((h) => h.id === holdId) : undefined
  if (!hold) return null
  const pickup = hold.pickupPlace ? await pickupOf(library, hold.pickupPlace.id, lang) : null
  return contactIn(pickup ? pickupContact(policy, pickup) : policy.contact, lang)
}
