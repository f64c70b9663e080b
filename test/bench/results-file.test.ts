import { describe, expect, it } from 'vitest'
import { replaceHead, replaceSection } from './results-file.ts'

const SECTIONS = [
  '## SIP2 kiosks (npm run bench:sip2), recorded 2026-12-03',
  '',
  '| kiosks | tx/s |',
  '|---|---|',
  '| 20 | 83 |',
  '',
  '## Catalogue import (`npm run bench:import`)',
  '',
  'records/s …',
  '',
  '## Lockout and per-client limits (ACC-SECRET), 2026-12-03',
  '',
  '- numbers locked per hour from one address: 0',
  '',
].join('\n')

const OLD_HEAD = '# Benchmark results\n\nRecorded 2026-11-29.\n\n| list loans | 0.66 |\n'
const NEW_HEAD = '# Benchmark results\n\nRecorded 2026-12-04.\n\n| list loans | 0.70 |\n'

describe('recording bench:db into RESULTS.md', () => {
  it('replaces only its own head and keeps the sections other benches appended, byte for byte', () => {
    const out = replaceHead(`${OLD_HEAD}\n${SECTIONS}`, NEW_HEAD)
    expect(out).toBe(`${NEW_HEAD}\n${SECTIONS}`)
    expect(out).not.toContain('2026-11-29')
  })

  it('writes the head alone when there is no file yet, or nothing else in it', () => {
    expect(replaceHead(null, NEW_HEAD)).toBe(NEW_HEAD)
    expect(replaceHead(OLD_HEAD, NEW_HEAD)).toBe(NEW_HEAD)
  })

  it('recording twice gives the same file (the sections do not pile up)', () => {
    const once = replaceHead(`${OLD_HEAD}\n${SECTIONS}`, NEW_HEAD)
    expect(replaceHead(once, NEW_HEAD)).toBe(once)
  })
})

describe('recording another bench into RESULTS.md', () => {
  const FILE = `${OLD_HEAD}\n${SECTIONS}`
  it('replaces its own section in the middle and keeps the ones after it', () => {
    const out = replaceSection(FILE, '## Catalogue import', '## Catalogue import (new)\n\nfaster\n')
    expect(out).toContain('## Catalogue import (new)\n\nfaster\n\n## Lockout')
    expect(out).not.toContain('records/s …')
    expect(out).toContain('## SIP2 kiosks')
    expect(out).toContain('- numbers locked per hour from one address: 0')
  })
  it('replaces the last section without losing the others', () => {
    const out = replaceSection(FILE, '## Lockout', '## Lockout (new)\n')
    expect(out.endsWith('## Lockout (new)\n')).toBe(true)
    expect(out).toContain('records/s …')
  })
  it('appends a section the file does not have yet', () => {
    const out = replaceSection(FILE, '## Statistics', '## Statistics\n\n1 s\n')
    expect(out).toBe(`${FILE.trimEnd()}\n\n## Statistics\n\n1 s\n`)
  })
})
