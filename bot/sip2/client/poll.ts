/**
 * The front-mode notice poll's question for one patron (bot/notices/poll.ts), in as few SIP2
 * requests as the standard allows. A 63 lists one kind of item at a time, but its fixed fields
 * count every kind: one 63 for the ready holds (AS) also says how many items are overdue, and
 * only a patron with overdue items costs a second 63 (AT) and a 17 per overdue item (its due
 * date). Most patrons cost one request instead of the four that holds() and loans() send.
 */
import type { PolledPatron } from '../../../core/index.ts'
import type { Front } from './front.ts'
import { holdsNamed } from './holds.ts'
import { loansOf } from './loans.ts'

export async function pollPatron(
  f: Front,
  patronId: number,
  number: string,
  want: { holdReady: boolean; overdue: boolean },
  now: number,
): Promise<PolledPatron> {
  if (!want.holdReady && !want.overdue) return { ready: [], overdue: [] }
  const first = await f.ils.patron(number, now, { list: want.holdReady ? 'hold' : 'overdue' })
  const ready = want.holdReady ? await holdsNamed(f, patronId, first.items, []) : []
  if (!want.overdue) return { ready: ready.map((h) => h.summary), overdue: [] }
  let late = want.holdReady ? [] : first.items
  // A system that leaves the count blank is asked for the list itself.
  if (want.holdReady && (first.counts.overdue > 0 || !first.overdueCounted))
    late = (await f.ils.patron(number, now, { list: 'overdue' })).items
  const loans = await loansOf(f, [], late, now)
  return { ready: ready.map((h) => h.summary), overdue: loans.filter((l) => l.overdue) }
}
