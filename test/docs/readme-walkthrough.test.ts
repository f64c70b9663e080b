/**
 * The README's try-it walkthrough, checked against the demo library it describes: the copy the
 * counter step checks in must have its first hold with a patron that an earlier step links to
 * a simulated user, or the reader waits for a push that goes to nobody's chat.
 */
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../db/seed/load.ts'
import { type ApiHarness, makeApi } from '../api/harness.ts'

const readme = readFileSync('README.md', 'utf8')
const walkthrough = readme.slice(readme.indexOf('## Trying it'), readme.indexOf('### Demo patrons'))

let t: ApiHarness
beforeAll(async () => {
  t = await makeApi({ load: (db, now) => seedDemo(db, now) })
}, 60_000)
afterAll(() => t.close())

describe('README walkthrough', () => {
  it('LINE-LINK, NOTICE-ONCE: the counter step returns a copy whose first hold belongs to a patron the walkthrough links', async () => {
    const linked = [...walkthrough.matchAll(/`(\d{10})` \/ `[^`]+`/g)].map((m) => m[1])
    const copy = /scan copy `(\d+)`/.exec(walkthrough)?.[1]
    expect(linked.length).toBeGreaterThan(1)
    expect(copy).toBeDefined()
    const [first] = await t.db.all<{ number: string }>(sql`
      SELECT p.number AS number FROM copies c
      JOIN holds h ON h.title_id = c.title_id AND h.state = 'waiting'
      JOIN patrons p ON p.id = h.patron_id
      WHERE c.barcode = ${copy!} ORDER BY h.placed_at, h.id LIMIT 1`)
    expect(linked).toContain(first?.number)
  })

  it("LINE-LINK: says to press 許可する in LINE's dialog, which the simulator shows", () => {
    expect(walkthrough).toContain('許可する')
    expect(readFileSync('bot/simulator/dialog.tsx', 'utf8')).toContain("allow: '許可する'")
  })
})
