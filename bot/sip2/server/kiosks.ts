/**
 * Kiosk accounts: rows of the staff table with role 'kiosk', an institution id (SIP2 `AO`)
 * and the library they stand in. Created with `npm run kiosk:add`; hashed and validated like
 * staff accounts, and signed in with the staff sign-in (so the same ACC-SECRET lockout holds,
 * under `staff:<login>`).
 */
import { eq } from 'drizzle-orm'
import { allow, type Decision, type Policy, refuse } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { places, staff } from '../../../db/schema.ts'
import { upsertStaff } from '../../../db/staff.ts'
import {
  findStaff,
  normalizeLogin,
  STAFF_PROBLEMS,
  signInStaff,
  staffProblem,
} from '../../counter/staff.ts'
import type { Kiosk } from './context.ts'

export interface NewKiosk {
  login: string
  password: string
  institutionId: string
  /** The library's name as in places (e.g. 中央図書館). */
  placeName: string
}

export type KioskProblem =
  | 'invalid_login'
  | 'weak_password'
  | 'exists'
  | 'invalid_institution'
  | 'unknown_place'

const INSTITUTION = /^[\x21-\x7e]{1,32}$/

export const KIOSK_PROBLEMS: Record<KioskProblem, string> = {
  invalid_login: STAFF_PROBLEMS.invalid_login,
  weak_password: STAFF_PROBLEMS.weak_password,
  exists:
    'このログインIDはすでに使われています。別のIDにするか、--reset で再設定してください（職員のIDは自動貸出機に使えません）。',
  invalid_institution: '機関ID（SIP2 の AO）は半角英数字と記号で1〜32文字にしてください。',
  unknown_place:
    'その名前の図書館が見つかりません。places に登録された図書館名（例：中央図書館）を入力してください。',
}

/** Create a kiosk account, or with `reset` replace an existing kiosk's password and binding. */
export async function addKiosk(
  db: Db,
  input: NewKiosk,
  now: number,
  opts: { reset?: boolean } = {},
): Promise<Decision<{ kiosk: Kiosk; created: boolean }, KioskProblem>> {
  const no = (p: KioskProblem) => refuse(p, { ja: KIOSK_PROBLEMS[p], en: p })
  const login = normalizeLogin(input.login)
  const problem = staffProblem({ login, name: login, password: input.password })
  if (problem === 'invalid_login' || problem === 'weak_password') return no(problem)
  if (!INSTITUTION.test(input.institutionId)) return no('invalid_institution')
  const [place] = await db.orm.select().from(places).where(eq(places.name, input.placeName.trim()))
  if (!place || place.kind === 'locker') return no('unknown_place')
  const existing = await findStaff(db, login)
  if (existing && (!opts.reset || existing.role !== 'kiosk')) return no('exists')
  const row = await upsertStaff(
    db,
    {
      login,
      name: `自動貸出機 ${place.name}`,
      password: input.password,
      role: 'kiosk',
      institutionId: input.institutionId,
      placeId: place.id,
    },
    now,
  )
  if (!row) return no('exists')
  return allow({
    kiosk: {
      id: row.id,
      login,
      institutionId: input.institutionId,
      placeId: place.id,
      placeName: place.name,
    },
    created: !existing,
  })
}

export type KioskSignInReason = 'locked' | 'wrong_credentials' | 'invalid_input'

/**
 * A kiosk's login (93): the staff sign-in, then the row must be a kiosk with a place. A staff
 * member's login is refused like a wrong password: a kiosk connection is not a desk.
 */
export async function signInKiosk(
  db: Db,
  input: { login: string; password: string; address?: string },
  wallNow: number,
  policy: Policy,
): Promise<Decision<Kiosk, KioskSignInReason>> {
  const signed = await signInStaff(db, input, wallNow, policy)
  if (!signed.ok) return signed
  const [row] = await db.orm
    .select({ s: staff, placeName: places.name })
    .from(staff)
    .innerJoin(places, eq(places.id, staff.placeId))
    .where(eq(staff.id, signed.value.id))
  if (row?.s.role !== 'kiosk' || !row.s.institutionId || row.s.placeId === null)
    return refuse('wrong_credentials', { ja: 'wrong credentials', en: 'wrong credentials' })
  return allow({
    id: row.s.id,
    login: row.s.login,
    institutionId: row.s.institutionId,
    placeId: row.s.placeId,
    placeName: row.placeName,
  })
}
