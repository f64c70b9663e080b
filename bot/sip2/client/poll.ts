/**
 * The front-mode notice poll's question for one patron (bot/notices/poll.ts), in as few SIP2
 * requests as the standard allows. A 63 lists one kind of item at a time, but its fixed fields
 * count every kind: one 63 for the ready holds (AS) also says how many items are overdue and
 * charged, and only a patron with overdue items costs a second 63 (AT) and a 17 per overdue
 * item (its due date). A patron who opted in to due-soon reminders and has items out costs a
 * 63 for the charged list (AU) and a 17 per item; the registration's expiry date comes with
 * the first 63 where the ILS sends it. Most patrons cost one request instead of the four that
 * holds() and loans() send.
 */
import {
  type Answer,
  allow,
  jstDate,
  type PolledPatron,
  type PollWant,
} from '../../../core/index.ts'
import { inputRefusal } from '../../../db/refusals.ts'
import type { Front } from './front.ts'
import { holdsNamed } from './hold-list.ts'
import type { PatronList } from './ils.ts'
import { loansOf } from './loans.ts'

export async function pollPatron(
  f: Front,
  patronId: number,
  number: string,
  want: PollWant,
  now: number,
): Promise<Answer<PolledPatron, 'unknown_patron'>> {
  const list: PatronList | undefined = want.holdReady
    ? 'hold'
    : want.overdue
      ? 'overdue'
      : want.dueSoon
        ? 'charged'
        : undefined
  if (!list && !want.expiry) return allow({ ready: [], overdue: [] })
  const first = await f.ils.patron(number, now, { list })
  // BL N with nothing listed or counted: its lists would be empty, which is not the same as
  // nothing ready (bot/notices/poll.ts). One that says BL N yet lists items (some systems
  // answer so for a barred patron) is read as it answers.
  const counted = first.counts.hold + first.counts.overdue + first.counts.charged
  if (first.unknown && first.items.length === 0 && counted === 0)
    return inputRefusal('unknown_patron')
  const ready = want.holdReady ? await holdsNamed(f, patronId, first.items, []) : []
  let late = list === 'overdue' ? first.items : []
  // A system that leaves the count blank is asked for the list itself.
  if (want.overdue && list !== 'overdue' && (first.counts.overdue > 0 || !first.overdueCounted))
    late = (await f.ils.patron(number, now, { list: 'overdue' })).items
  let charged = list === 'charged' ? first.items : []
  if (want.dueSoon && list !== 'charged' && (first.counts.charged > 0 || !first.chargedCounted))
    charged = (await f.ils.patron(number, now, { list: 'charged' })).items
  const loans = charged.length || late.length ? await loansOf(f, charged, late, now) : []
  const found: PolledPatron = {
    ready: ready.map((h) => h.summary),
    overdue: want.overdue ? loans.filter((l) => l.overdue) : [],
  }
  if (want.dueSoon) found.charged = loans.filter((l) => charged.includes(l.barcode))
  // Sent with any 63 where the ILS tells it (which is how bunko learns that it does).
  found.expiresOn = first.expires === null ? null : jstDate(first.expires)
  return allow(found)
}
