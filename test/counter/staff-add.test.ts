/**
 * `npm run staff:add`: the CLI run as staff would run it, with answers piped in, and the
 * account rules (addStaff) it applies, checked in-process.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addStaff, signInStaff } from '../../bot/counter/staff.ts'
import { HIRAKATA_POLICY } from '../../core/index.ts'
import { staff } from '../../db/schema.ts'
import { migrate, openSqlite } from '../../db/sqlite.ts'

const dir = mkdtempSync(join(tmpdir(), 'bunko-staff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
/** Spawning tsx is slow on a busy machine; the limit is generous, nothing here is timed. */
const SLOW = 90_000

function run(dbPath: string, input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bot/counter/staff-add.ts', ...args], {
    input,
    env: { ...process.env, DATABASE_PATH: dbPath },
    encoding: 'utf8',
  })
  return { code: r.status, err: r.stderr }
}

async function signsIn(path: string, login: string, password: string) {
  const db = openSqlite(path)
  try {
    return (await signInStaff(db, { login, password }, Date.now(), HIRAKATA_POLICY)).ok
  } finally {
    db.close()
  }
}

describe('staff:add (the CLI)', () => {
  const path = join(dir, 'nested', 'bunko.db')

  it(
    'creates and migrates the database and stores a hashed password that signs in',
    async () => {
      const r = run(path, 'Kobayashi\n小林 司書\nsecret-for-the-desk\n')
      expect(r.err).toContain('職員「小林 司書」（kobayashi）を登録しました')
      expect(r.code).toBe(0)
      const db = openSqlite(path)
      const rows = await db.orm.select().from(staff)
      db.close()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/)
      expect(rows[0]?.passwordHash).not.toContain('secret-for-the-desk')
      expect(await signsIn(path, 'kobayashi', 'secret-for-the-desk')).toBe(true)
    },
    SLOW,
  )

  it(
    'refuses a login that is taken, changing nothing',
    async () => {
      const r = run(path, 'kobayashi\n別人\nanother-password\n')
      expect(r.code).toBe(1)
      expect(r.err).toContain('このログインIDはすでに使われています')
      expect(await signsIn(path, 'kobayashi', 'secret-for-the-desk')).toBe(true)
    },
    SLOW,
  )

  it(
    '--reset replaces the name and password of an existing login',
    async () => {
      expect(run(path, 'kobayashi\n小林 次郎\nsecond-password-2\n', ['--reset']).code).toBe(0)
      expect(await signsIn(path, 'kobayashi', 'secret-for-the-desk')).toBe(false)
      expect(await signsIn(path, 'kobayashi', 'second-password-2')).toBe(true)
    },
    SLOW,
  )

  it(
    'stops when the answers run out',
    () => {
      const r = run(join(dir, 'cut.db'), 'kato\n加藤\n')
      expect(r.code).toBe(1)
      expect(r.err).toContain('入力が途中で終わりました')
    },
    SLOW,
  )
})

describe('staff account rules', () => {
  it('refuses bad logins, empty names and short passwords', async () => {
    const db = openSqlite(':memory:')
    migrate(db)
    const add = (login: string, name: string, password: string) =>
      addStaff(db, { login, name, password }, 0).then((r) => (r.ok ? 'ok' : r.reason))
    expect(await add('x', '名前', 'long-enough-pass')).toBe('invalid_login')
    expect(await add('has space', '名前', 'long-enough-pass')).toBe('invalid_login')
    expect(await add('kato', '  ', 'long-enough-pass')).toBe('invalid_name')
    expect(await add('kato', '加藤', 'short-pass')).toBe('weak_password')
    expect(await add('Kato', '加藤', 'long-enough-pass')).toBe('ok')
    expect(await add('KATO', '加藤', 'long-enough-pass')).toBe('exists')
    expect(await db.orm.select().from(staff)).toHaveLength(1)
  })
})
