/**
 * README's table of demo patrons, generated from the seed so it always tells the truth.
 * `npx tsx db/seed/demo-doc.ts` rewrites db/seed/DEMO-PATRONS.md; a test fails when the
 * file and the seed disagree.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildDemo } from './demo.ts'
import { DEMO_PEOPLE, patronNumber, patronPhone } from './demo-people.ts'

export const DEMO_DOC_PATH = fileURLToPath(new URL('./DEMO-PATRONS.md', import.meta.url))

/** A fixed day: titles and barcodes do not depend on it, and no date is printed. */
const DOC_NOW = Date.UTC(2026, 0, 15, 3)

export function demoPatronsMarkdown(): string {
  const { notes } = buildDemo({ now: DOC_NOW })
  const rows = DEMO_PEOPLE.map((p, i) => {
    const id = i + 1
    const password = p.password === null ? '(none)' : `\`${p.password}\``
    return `| \`${patronNumber(id)}\` | ${password} | ${p.name} | ${patronPhone(id)} | ${p.shows} |`
  })
  const nameOf = (role: string) => DEMO_PEOPLE.find((p) => p.role === role)?.name ?? ''
  const tries = notes.map((n) => {
    const who = n.role === 'other' ? 'Counter' : nameOf(n.role)
    const copy = n.barcode ? ` (copy \`${n.barcode}\`)` : ''
    return `- ${who}: 「${n.title}」${copy} — ${n.what}`
  })
  return [
    '## Demo patrons',
    '',
    '`npm start` loads a made-up demo library into an empty database: Hirakata’s nine libraries,',
    'six branch rooms (分室), four bookmobile stations, three pickup lockers, about 2,000 titles and',
    'these patrons. Dates are relative to the day it is loaded, so the cases below always hold.',
    'Names, phone numbers and e-mail addresses are made up (`@example.jp`).',
    '',
    '| 利用者番号 | password | name | phone | what it shows |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Things to try:',
    '',
    ...tries,
    '',
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(DEMO_DOC_PATH, demoPatronsMarkdown())
  console.log(`wrote ${DEMO_DOC_PATH}`)
}
