import { describe, expect, it } from 'vitest'
import { importProgress } from './progress.ts'

/** A log or pipe (not a terminal) that keeps what is written. */
function pipe() {
  const lines: string[] = []
  const stream = {
    isTTY: false,
    write: (s: string) => lines.push(s),
  } as unknown as NodeJS.WriteStream
  return { stream, lines }
}

describe('import progress in a log', () => {
  it('ends on the rows read, even when the whole file was read before the last rows were', () => {
    const { stream, lines } = pipe()
    const p = importProgress(stream, 1000, 'patrons p.csv')
    p.update(1000, 2000)
    p.update(1000, 2002)
    p.stop()
    expect(lines.at(-1)).toMatch(/^patrons p\.csv: 100% 2,002 rows /)
    expect(lines).toHaveLength(2)
  })

  it('writes nothing more at the end when the last line already says it', () => {
    const { stream, lines } = pipe()
    const p = importProgress(stream, 1000, 'places x.csv')
    p.update(1000, 12)
    p.stop()
    expect(lines).toHaveLength(1)
  })
})
