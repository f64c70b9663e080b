/**
 * How long reading records keep their patron (図書館の自由に関する宣言: who read what is
 * erased once the item is back). Pure: the instant is a parameter.
 */
import { addDays, type Instant, type JstDate, jstDate, jstInstant } from './dates.ts'
import type { Policy } from './policy.ts'

export interface RecordCutoff {
  /** Loans returned, holds ended and notices due before this instant are erased. */
  before: Instant
  /** Today in Japan: an expiry notice about a date still to come is kept (NOTICE-EXPIRY). */
  today: JstDate
}

/**
 * The Japan midnight `readingRecordDays` days before today: a loan returned on day D keeps
 * its borrower through D + readingRecordDays and is erased by the first run after that.
 */
export function readingRecordCutoff(now: Instant, policy: Policy): RecordCutoff {
  const today = jstDate(now)
  return { before: jstInstant(addDays(today, -policy.readingRecordDays)), today }
}
