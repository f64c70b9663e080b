/**
 * Shared pieces of patron-facing text. Every refusal says why and what to do next; when the
 * next step is a phone call, it names the library and its number, so these helpers exist to
 * make that the easy thing to write.
 */
import {
  formatClock,
  formatDateEn,
  formatDateJa,
  type Instant,
  jstDate,
  jstMinuteOfDay,
} from './dates.ts'
import type { Policy } from './policy.ts'
import type { PhonePlace, PickupKind, Place, Text } from './types.ts'

/** Whom to phone: a named place, or the library-wide contact when none is concerned. */
export interface Contact {
  ja: string
  en: string
  phone: string
}

/** The contact for `place`, falling back to the policy's general contact (e.g. 中央図書館). */
export function contactFor(policy: Policy, place?: PhonePlace | null): Contact {
  if (place) return { ja: place.name, en: place.nameEn ?? place.name, phone: place.phone }
  return policy.contact
}

/** 「中央図書館（050-7105-8141）」 / "Central Library (050-7105-8141)". */
export function phoneLine(contact: Contact): Text {
  return { ja: `${contact.ja}（${contact.phone}）`, en: `${contact.en} (${contact.phone})` }
}

/** A pickup place as far as whom to phone about it goes (core's Place is one). */
export interface PickupPhone extends PhonePlace {
  kind: string
  runBy?: PhonePlace
}

/** A place as any store keeps it: what `placeWithRunner` reads. */
interface PlaceRecord {
  id: number
  name: string
  nameEn: string | null
  kind: PickupKind
  phone: string
}

/** A place as the rules see it, with the library that runs it (`runner`) when known. */
export function placeWithRunner(row: PlaceRecord, runner?: PlaceRecord | null): Place {
  const named = (r: PlaceRecord) => ({ name: r.name, ...(r.nameEn ? { nameEn: r.nameEn } : {}) })
  return {
    id: row.id,
    ...named(row),
    kind: row.kind,
    phone: row.phone,
    ...(runner ? { runBy: { ...named(runner), phone: runner.phone } } : {}),
  }
}

/** A locker or a bookmobile station: nobody there answers a phone or a question. */
export function unstaffed(pickup: { kind: string }): boolean {
  return pickup.kind === 'locker' || pickup.kind === 'bookmobile'
}

/**
 * An unstaffed place (locker, bookmobile station) whose number is not its library's: a service
 * with a line of its own (the guide's 分室・自動車文庫「ひなぎく号」050-7105-8114), which answers
 * for its stations. A locker lists its library's number, so its library is phoned. With the
 * library not known, nobody can tell whose number the place lists: the library-wide contact.
 */
function ownLine(pickup: PickupPhone): boolean {
  return pickup.runBy !== undefined && pickup.phone !== '' && pickup.phone !== pickup.runBy.phone
}

/**
 * Whom a patron phones about a hold collected at `pickup`: the place itself; for a locker or
 * a bookmobile station, the library that runs it, unless the place has a number of its own
 * (ownLine: the bookmobile's), or the policy's contact when neither is known. Name and number
 * always come from the same place (a patron walk found a locker's name on a button that
 * dialled its library), so the call button and the sentence agree.
 */
export function pickupContact(policy: Policy, pickup: PickupPhone | null | undefined): Contact {
  if (pickup && unstaffed(pickup)) {
    if (!ownLine(pickup)) return contactFor(policy, pickup.runBy)
    // A station's line is the bookmobile's office, not the park it stops at (a patron walk:
    // 「ひなぎく号 星丘に電話する」 read as phoning a park).
    if (pickup.kind === 'bookmobile') return { ...BOOKMOBILE_OFFICE, phone: pickup.phone }
  }
  return contactFor(policy, pickup)
}

/** Who answers a bookmobile station's own line. */
const BOOKMOBILE_OFFICE = { ja: '移動図書館の係', en: 'the bookmobile office' }

/**
 * `pickupContact` as a sentence names it: 「受取場所の楠葉図書館（…）」; for a locker
 * 「受取場所（…ロッカー）を受け持つ中央図書館（…）」, for a station with its own line
 * 「受取場所（ひなぎく号 星丘）を受け持つ移動図書館の係（…）」, so the patron knows why them.
 */
export function pickupPhoneLine(policy: Policy, pickup: PickupPhone | null | undefined): Text {
  const p = phoneLine(pickupContact(policy, pickup))
  if (!pickup) return p
  const name = { ja: pickup.name, en: pickup.nameEn ?? pickup.name }
  if (!unstaffed(pickup) || (ownLine(pickup) && pickup.kind !== 'bookmobile'))
    return { ja: `受取場所の${p.ja}`, en: `the pickup place, ${p.en}` }
  if (pickup.runBy)
    return {
      ja: `受取場所（${name.ja}）を受け持つ${p.ja}`,
      en: `${p.en}, which runs the pickup place (${name.en})`,
    }
  return {
    ja: `受取場所（${name.ja}）について、${p.ja}`,
    en: `${p.en} about the pickup place (${name.en})`,
  }
}

/** A date as written to a patron. */
export function dateText(date: string): Text {
  return { ja: formatDateJa(date), en: formatDateEn(date) }
}

/** An instant as a Japan date and time: 「2026年5月1日(金) 15:30」 / "Fri 1 May 2026, 15:30". */
export function instantText(t: Instant): Text {
  const d = jstDate(t)
  const hm = formatClock(jstMinuteOfDay(t))
  return { ja: `${formatDateJa(d)} ${hm}`, en: `${formatDateEn(d)}, ${hm}` }
}

/** A Japan wall time alone: 「15:30」. */
export function clockText(t: Instant): string {
  return formatClock(jstMinuteOfDay(t))
}

/** A title name in Japanese quotes, or a neutral phrase when the caller had no name. */
export function titleText(name: string | undefined): Text {
  return name ? { ja: `「${name}」`, en: `"${name}"` } : { ja: 'この資料', en: 'this item' }
}
