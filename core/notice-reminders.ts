/**
 * The reminders a patron may ask for beyond NOTICE-KINDS: a due date coming up
 * (NOTICE-DUE-SOON) and the registration about to lapse (NOTICE-EXPIRY). When they are due
 * and what they are about; the outbox keys that make them once-only are the store's.
 */
import { addDays, daysBetween, type Instant, type JstDate, jstDate } from './dates.ts'
import type { Text } from './types.ts'

/** NOTICE-DUE-SOON: the lead times a patron may choose, in days before the due date. */
export const DUE_SOON_LEAD_DAYS = [1, 2, 3] as const
export type DueSoonLeadDays = (typeof DUE_SOON_LEAD_DAYS)[number]

export function isDueSoonLeadDays(n: unknown): n is DueSoonLeadDays {
  return (DUE_SOON_LEAD_DAYS as readonly unknown[]).includes(n)
}

/**
 * NOTICE-DUE-SOON: the due date a reminder sent on the day of slot `at` is about, for a
 * patron who chose `leadDays`. It goes at the first slot run that day (the store keeps one per
 * patron per day), so a day whose morning slot was missed still gets it at the next slot.
 */
export function dueSoonTarget(at: Instant, leadDays: DueSoonLeadDays): JstDate {
  return addDays(jstDate(at), leadDays)
}

/** NOTICE-EXPIRY: how many days ahead of the lapse the patron is told. */
export const EXPIRY_NOTICE_DAYS = 30

/**
 * NOTICE-EXPIRY: whether a registration that lapses after `expiresOn` (its last valid day)
 * is to be announced at `at`: from 30 days before, while it is still valid.
 */
export function expiryNoticeDue(expiresOn: JstDate | null, at: Instant): boolean {
  if (!expiresOn) return false
  const left = daysBetween(jstDate(at), expiresOn)
  return left >= 0 && left <= EXPIRY_NOTICE_DAYS
}

/** The window of `expiresOn` dates announced at `at`: [first, last], inclusive. */
export function expiryWindow(at: Instant): { from: JstDate; to: JstDate } {
  const today = jstDate(at)
  return { from: today, to: addDays(today, EXPIRY_NOTICE_DAYS) }
}

/**
 * NOTICE-EXPIRY: how and where to renew the registration. The guide says a card is made at a
 * library, branch room (分室) or the bookmobile with something showing name and address
 * (health insurance card, driving licence), and a workplace or school ID for those who
 * commute from another city; renewal, on which it is silent, is taken to be the same counter
 * visit with the card itself, which keeps the patron number.
 */
export const EXPIRY_RENEW_HOW: Text = {
  ja: '更新は、図書館・分室・自動車文庫の窓口でお手続きいただけます。貸出カードと、氏名と住所がわかるもの（健康保険証・運転免許証など）をお持ちください。市外にお住まいで市内に通勤・通学している方は、職員証・学生証などもお持ちください。利用者番号はそのままお使いいただけます。',
  en: 'You can renew it at the counter of any library, branch room or the bookmobile. Please bring your library card and something showing your name and address (a health insurance card, a driving licence, etc.); if you live outside the city and work or study in the city, also your staff or student ID. Your patron number stays the same.',
}
