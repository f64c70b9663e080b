/**
 * What the reminders patrons ask for say when their push is built (NOTICE-DUE-SOON,
 * NOTICE-EXPIRY). A due-soon reminder lists the patron's loans as they stand at send time —
 * one returned or renewed since it was queued is left out — each with whether it can be
 * renewed now, asked of the library system (core's RENEW-* sentence when not).
 *
 * The same answer tells what is still out: a reminder polled from the library system (front
 * mode) carries the loans as they stood at the poll, and a push that goes later (a quota wait,
 * a catch-up) leaves out a loan the answer no longer has (returned) or now due later
 * (renewed). Where no answer came in time, the reminder lists the loans as they were known.
 *
 * The quotes are asked before any push of the claimed chunk goes, so they are bounded: a few
 * patrons at a time and for at most QUOTE_WAIT_MS in all. Over SIP2 (front mode) each costs
 * the library system a 63 and a 17 per loan; a slow system must not hold back the chunk's
 * hold-ready pushes. A reminder whose quote did not come in time says to check the loan list
 * (the same as when the system is down).
 */
import type { messagingApi } from '@line/bot-sdk'
import type { LibrarySystem } from '../../core/library-system.ts'
import type { Policy } from '../../core/policy.ts'
import type { Db } from '../../db/client.ts'
import { type ClaimedItem, dueSoonLoans } from '../../db/notices.ts'
import { type DueSoonItem, dueSoonNotice } from '../messages/due-soon.ts'
import { expiryNotice } from '../messages/expiry.ts'
import { forCardHolder } from '../messages/family-notice.ts'
import type { Lang } from '../messages/lang.ts'

/** How the builder reaches the library system for renewal quotes. */
export interface ReminderSource {
  library: LibrarySystem
  now: number
  /** How long to wait for the quotes in all (QUOTE_WAIT_MS unless given). */
  waitMs?: number
}

/** Patrons whose renewal quotes are asked at once. */
const QUOTES_AT_ONCE = 4
/** The longest the quotes of one chunk are waited for. */
export const QUOTE_WAIT_MS = 5_000

type Quote = DueSoonItem['renew']

/** What the library system said of one patron's loans at send time. */
interface LoansNow {
  /** Each open loan's due date, by loan id. */
  dueDates: Map<number, string>
  /** Each open loan's renewal quote, by loan id. */
  quotes: Map<number, Quote>
}

/** The open loans of as many of `patronIds` as answer in time, by patron. */
async function loansNow(
  source: ReminderSource,
  patronIds: readonly number[],
): Promise<Map<number, LoansNow>> {
  const answers = new Map<number, LoansNow>()
  const queue = [...patronIds]
  let late = false
  const worker = async () => {
    while (!late && queue.length) {
      const patronId = queue.shift()!
      const answer = await source.library.loans(patronId, source.now).catch(() => null)
      if (late || !answer?.ok) continue
      const now: LoansNow = { dueDates: new Map(), quotes: new Map() }
      for (const l of answer.value) {
        now.dueDates.set(l.id, l.dueDate)
        now.quotes.set(
          l.id,
          l.renewal.ok ? { ok: true } : { ok: false, message: l.renewal.message },
        )
      }
      answers.set(patronId, now)
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, source.waitMs ?? QUOTE_WAIT_MS)
  })
  const workers = Array.from({ length: Math.min(QUOTES_AT_ONCE, queue.length) }, worker)
  await Promise.race([Promise.all(workers), deadline])
  late = true
  clearTimeout(timer)
  return answers
}

/** Whether a listed loan is still out and still due on its date, as far as `now` tells. */
const stillDue = (now: LoansNow | undefined, loanId: number, dueDate: string) => {
  if (!now) return true
  const due = now.dueDates.get(loanId)
  return due !== undefined && due <= dueDate
}

/** The items of each claimed due-soon notice, by notice id. */
export type DueSoonItems = Map<string, DueSoonItem[]>

/** Read the due-soon items of the claimed notices among `rows`. */
export async function dueSoonItems(
  db: Db,
  rows: readonly ClaimedItem[],
  source: ReminderSource | undefined,
): Promise<DueSoonItems> {
  const due = rows.filter((r) => r.kind === 'due_soon')
  const out: DueSoonItems = new Map()
  if (!due.length) return out
  const loans = await dueSoonLoans(
    db,
    due.map((r) => r.id),
  )
  const patronIds = [...new Set(due.map((r) => r.patronId))]
  const answers = source ? await loansNow(source, patronIds) : new Map<number, LoansNow>()
  const patronOf = new Map(due.map((r) => [r.id, r.patronId]))
  for (const l of loans) {
    const now = answers.get(patronOf.get(l.noticeId)!)
    if (!stillDue(now, l.loanId, l.dueDate)) continue
    const item: DueSoonItem = {
      loanId: l.loanId,
      title: l.title,
      author: l.author,
      renew: now?.quotes.get(l.loanId) ?? null,
    }
    out.set(l.noticeId, [...(out.get(l.noticeId) ?? []), item])
  }
  return out
}

/** The due-soon and expiry messages of one group (none when nothing is left to say). */
export function reminderMessages(
  items: readonly ClaimedItem[],
  due: DueSoonItems,
  lang: Lang,
  policy: Policy,
  liffId: string,
  holder: string | null = null,
): messagingApi.Message[] {
  const messages: messagingApi.Message[] = []
  // One reminder per push: should two days' reminders meet in one group (a quota wait),
  // only the latest is pushed; the earlier one's day has passed.
  for (const n of items.filter((i) => i.kind === 'due_soon').slice(-1)) {
    const list = due.get(n.id) ?? []
    if (!list.length || !n.aboutDate) continue
    const notice = dueSoonNotice({
      dueDate: n.aboutDate,
      items: list,
      contact: policy.contact,
      liffId,
      lang,
    })
    // ACC-FAMILY: whose card, as every other notice says it (family-notice.ts).
    const count = list.length
    messages.push(
      holder ? forCardHolder(notice, { kind: 'other', name: holder, count, lang }) : notice,
    )
  }
  const expiry = items.find((i) => i.kind === 'expiry' && i.aboutDate)
  if (expiry?.aboutDate)
    messages.push(
      expiryNotice({
        expiresOn: expiry.aboutDate,
        contact: policy.contact,
        lang,
        ...(holder ? { holder } : {}),
      }),
    )
  return messages
}
