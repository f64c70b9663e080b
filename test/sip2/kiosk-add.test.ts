/**
 * `npm run kiosk:add`: the CLI run as a librarian would, answers piped in, on a database with
 * the demo library's places; the account it makes logs in as a kiosk and nothing else.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInKiosk } from '../../bot/sip2/server/kiosks.ts'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { staff } from '../../db/schema.ts'
import { seedDemo } from '../../db/seed/load.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-kiosk-'))
const path = join(dir, 'bunko.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
/** Spawning tsx is slow on a busy machine; nothing here is timed. */
const SLOW = 90_000

beforeAll(async () => {
  const db = openSqlite(path)
  migrate(db)
  await seedDemo(db, Date.now())
  db.close()
})

function run(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bot/sip2/kiosk-add.ts', ...args], {
    input,
    env: { ...process.env, DATABASE_PATH: path },
    encoding: 'utf8',
  })
  return { code: r.status, err: r.stderr }
}

describe('kiosk:add (the CLI)', () => {
  it(
    'creates a hashed kiosk account bound to its library and institution',
    async () => {
      const r = run('Kiosk-Kuzuha-1\nhirakata\n楠葉図書館\nkiosk-secret-2026\n')
      expect(r.err).toContain(
        '自動貸出機「kiosk-kuzuha-1」（機関ID hirakata、楠葉図書館）を登録しました',
      )
      expect(r.code).toBe(0)
      const db = openSqlite(path)
      try {
        const [row] = await db.orm.select().from(staff).where(eq(staff.login, 'kiosk-kuzuha-1'))
        expect(row).toMatchObject({ role: 'kiosk', institutionId: 'hirakata' })
        expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$/)
        const s = await signInKiosk(
          db,
          { login: 'kiosk-kuzuha-1', password: 'kiosk-secret-2026' },
          Date.now(),
          HIRAKATA_POLICY,
        )
        expect(s.ok && s.value.placeName).toBe('楠葉図書館')
      } finally {
        db.close()
      }
    },
    SLOW,
  )

  it(
    'refuses an unknown library or a taken login, changing nothing',
    () => {
      const unknown = run('kiosk-2\nhirakata\nどこか図書館\nkiosk-secret-2026\n')
      expect(unknown.code).toBe(1)
      expect(unknown.err).toContain('その名前の図書館が見つかりません')
      const taken = run('kiosk-kuzuha-1\nhirakata\n中央図書館\nkiosk-secret-2027\n')
      expect(taken.code).toBe(1)
      expect(taken.err).toContain('何も登録していません')
    },
    SLOW,
  )
})
