/** Kiosk accounts: created like staff accounts, bound to a library, signed in only as kiosks. */
import { beforeAll, describe, expect, it } from 'vitest'
import { HIRAKATA_POLICY } from '../../../core/policy.ts'
import { seedDemo } from '../../../db/seed/load.ts'
import { migrate, openSqlite } from '../../../db/sqlite.ts'
import { upsertStaff } from '../../../db/staff.ts'
import { addKiosk, signInKiosk } from './kiosks.ts'

const db = openSqlite(':memory:')
const now = Date.UTC(2026, 10, 25, 3)
const KIOSK = {
  login: 'Kiosk-1',
  password: 'kiosk-password-1',
  institutionId: 'hirakata',
  placeName: '中央図書館',
}

beforeAll(async () => {
  migrate(db)
  await seedDemo(db, now)
})

describe('kiosk accounts', () => {
  it('are created hashed, bound to their library, and refused when the fields are wrong', async () => {
    const made = await addKiosk(db, KIOSK, now)
    expect(made.ok && made.value).toMatchObject({
      created: true,
      kiosk: { login: 'kiosk-1', placeName: '中央図書館' },
    })
    const no = async (over: Partial<typeof KIOSK>) => {
      const r = await addKiosk(db, { ...KIOSK, login: 'kiosk-2', ...over }, now)
      return r.ok ? null : r.reason
    }
    expect(await no({ password: 'short' })).toBe('weak_password')
    expect(await no({ login: 'bad login' })).toBe('invalid_login')
    expect(await no({ institutionId: 'has space' })).toBe('invalid_institution')
    expect(await no({ placeName: '存在しない図書館' })).toBe('unknown_place')
    expect(await no({ login: 'kiosk-1' })).toBe('exists')
  })

  it('a staff login is never turned into a kiosk, nor signed in as one', async () => {
    await upsertStaff(db, { login: 'desk-1', name: '窓口', password: 'desk-password-1' }, now)
    const r = await addKiosk(db, { ...KIOSK, login: 'desk-1' }, now, { reset: true })
    expect(r.ok ? null : r.reason).toBe('exists')
    const s = await signInKiosk(
      db,
      { login: 'desk-1', password: 'desk-password-1' },
      now,
      HIRAKATA_POLICY,
    )
    expect(s.ok).toBe(false)
  })

  it('signs in with the right password (case-folded login) and not with a wrong one', async () => {
    const ok = await signInKiosk(
      db,
      { login: 'KIOSK-1', password: KIOSK.password },
      now,
      HIRAKATA_POLICY,
    )
    expect(ok.ok && ok.value.institutionId).toBe('hirakata')
    const wrong = await signInKiosk(
      db,
      { login: 'kiosk-1', password: 'nope-nope-nope' },
      now,
      HIRAKATA_POLICY,
    )
    expect(wrong.ok).toBe(false)
  })
})
