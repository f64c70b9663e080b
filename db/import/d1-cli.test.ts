/**
 * The `--d1` path of the Node commands against a real local D1 (wrangler's, in a folder of
 * its own): migrations applied with wrangler as the README says, then `npm run import` and
 * `npm run staff:add` / `kiosk:add` write through the platform proxy, and what they wrote is read back.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifyStaff } from '../staff.ts'
import { PLACES } from './csv-fixtures.ts'
import { openWranglerD1 } from './d1.ts'
import { iso2709, JAPANESE_RECORDS } from './marc-fixtures.ts'

const state = mkdtempSync(join(tmpdir(), 'bunko-d1-'))
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  XDG_CONFIG_HOME: join(process.cwd(), '.config'),
  D1_PERSIST_PATH: state,
}
const SLOW = 180_000
const tsx = (args: string[], input = '') =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], { env, input, encoding: 'utf8' })

beforeAll(() => {
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      '--persist-to',
      state,
    ],
    { env, encoding: 'utf8' },
  )
  expect(r.status, r.stderr).toBe(0)
}, SLOW)
afterAll(() => rmSync(state, { recursive: true, force: true }))

it(
  'imports MARC into local D1 and adds a staff account there',
  async () => {
    const file = join(state, 'books.mrc')
    writeFileSync(file, iso2709(JAPANESE_RECORDS))
    const imp = tsx(['db/import/cli.ts', 'catalogue', file, '--d1', 'DB'])
    expect(imp.status, imp.stderr).toBe(0)
    expect(imp.stdout).toMatch(/7\s+新規 \/ added/)
    const add = tsx(
      ['bot/counter/staff-add.ts', '--d1', 'DB'],
      'desk1\n受付 太郎\nlong-password-2026\n',
    )
    expect(add.status, add.stderr).toBe(0)
    process.env.D1_PERSIST_PATH = state
    const d1 = await openWranglerD1('DB', false)
    try {
      const [n] = await d1.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM titles`)
      expect(n!.n).toBe(7)
      expect(await verifyStaff(d1.db, 'desk1', 'long-password-2026')).toMatchObject({
        name: '受付 太郎',
      })
    } finally {
      await d1.close()
      delete process.env.D1_PERSIST_PATH
    }
  },
  SLOW,
)

it(
  'adds a self-check kiosk account to D1, bound to a library imported there (kiosk:add --d1)',
  async () => {
    const places = join(state, 'places.csv')
    writeFileSync(places, `${PLACES.join('\n')}\n`)
    const imp = tsx(['db/import/cli.ts', 'places', places, '--d1', 'DB'])
    expect(imp.status, imp.stderr).toBe(0)
    const add = tsx(
      ['bot/sip2/kiosk-add.ts', '--d1', 'DB'],
      'kiosk-d1\nhirakata\n中央図書館\nlong-password-2026\n',
    )
    expect(add.status, add.stderr).toBe(0)
    process.env.D1_PERSIST_PATH = state
    const d1 = await openWranglerD1('DB', false)
    try {
      const rows = await d1.db.all<{ role: string; institution: string; place: string }>(
        sql`SELECT s.role, s.institution_id AS institution, p.name AS place
          FROM staff s JOIN places p ON p.id = s.place_id WHERE s.login = 'kiosk-d1'`,
      )
      expect(rows).toEqual([{ role: 'kiosk', institution: 'hirakata', place: '中央図書館' }])
    } finally {
      await d1.close()
      delete process.env.D1_PERSIST_PATH
    }
  },
  SLOW,
)

it(
  'refuses --remote without --d1',
  () => {
    for (const command of ['bot/counter/staff-add.ts', 'bot/sip2/kiosk-add.ts']) {
      const r = tsx([command, '--remote'], '')
      expect(r.status).toBe(2)
      expect(r.stderr).toContain('--remote needs --d1')
    }
  },
  SLOW,
)
