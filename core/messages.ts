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
import type { Place, Text } from './types.ts'

/** Whom to phone: a named place, or the library-wide contact when none is concerned. */
export interface Contact {
  ja: string
  en: string
  phone: string
}

/** The contact for `place`, falling back to the policy's general contact (e.g. 中央図書館). */
export function contactFor(policy: Policy, place?: Place | null): Contact {
  if (place) return { ja: place.name, en: place.nameEn ?? place.name, phone: place.phone }
  return policy.contact
}

/** 「中央図書館（050-7105-8141）」 / "Central Library (050-7105-8141)". */
export function phoneLine(contact: Contact): Text {
  return { ja: `${contact.ja}（${contact.phone}）`, en: `${contact.en} (${contact.phone})` }
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
