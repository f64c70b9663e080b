/**
 * What 完了 said, kept for this tab (sessionStorage) so that reloading the page, or coming back
 * to it, shows the confirmation and the call button again instead of an empty page (a patron
 * walk). Only the words and whom to phone are kept, never the titles: what a patron reserves
 * is private (store.ts), and 完了 lists the titles only right after placing them. The words
 * may name a family member whose card the holds are on (ACC-FAMILY), as 完了 itself did. The
 * tab forgets it when LINE closes it; unlinking forgets it too (store.ts forgetAll).
 */
import type { Contact, HoldNoticeWay, PickupKind } from '../api-types.ts'

const KEY = 'bunko.done.v1'

export interface DoneNote {
  /** Core's confirmation, lines separated by `\n` (the API's `message`). */
  message: string
  contact?: Contact
  /** How long the holds wait and where (t.done.body); count 0 = none were read back. */
  kind: PickupKind
  pickupDays: number
  count: number
  way: HoldNoticeWay
}

export function keepDoneNote(note: DoneNote | null): void {
  try {
    if (note) sessionStorage.setItem(KEY, JSON.stringify(note))
    else sessionStorage.removeItem(KEY)
  } catch {
    // Storage refused: 完了 shows the note once, as before.
  }
}

export function doneNote(): DoneNote | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    const note = raw ? (JSON.parse(raw) as DoneNote) : null
    // A note of another shape (an older app's) is not shown: it would say 「undefined日」.
    return note && typeof note.message === 'string' && typeof note.pickupDays === 'number'
      ? note
      : null
  } catch {
    return null
  }
}
