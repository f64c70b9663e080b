import { describe, expect, it } from 'vitest'
import { jstInstant } from './dates.ts'
import { HIRAKATA_POLICY } from './policy.ts'
import { readingRecordCutoff } from './retention.ts'

describe('readingRecordCutoff', () => {
  const policy = (days: number) => ({ ...HIRAKATA_POLICY, readingRecordDays: days })

  it('keeps a loan returned on Monday through Thursday (Hirakata: 3 days), erased on Friday', () => {
    const returned = jstInstant('2026-06-08', '19:30')
    const thursday = readingRecordCutoff(jstInstant('2026-06-11', '23:59'), HIRAKATA_POLICY)
    expect(returned < thursday.before).toBe(false)
    const friday = readingRecordCutoff(jstInstant('2026-06-12', '00:00'), HIRAKATA_POLICY)
    expect(friday).toEqual({ before: jstInstant('2026-06-09'), today: '2026-06-12' })
    expect(returned < friday.before).toBe(true)
  })

  it('0 days: erased at the first run after the return day, in Japan time', () => {
    // 00:30 in Japan is 15:30 UTC the day before: the Japan date counts.
    const now = jstInstant('2026-06-10', '00:30')
    expect(readingRecordCutoff(now, policy(0)).before).toBe(jstInstant('2026-06-10'))
    expect(readingRecordCutoff(now, policy(7)).before).toBe(jstInstant('2026-06-03'))
  })
})
