/**
 * The patron at a kiosk: found by card number (AA), and their web password (AD) checked with
 * the link page's ACC-SECRET lockout — the same `patron:<number>` key in login_attempts, so
 * guesses at a kiosk and on the web count together towards the number's limit, each counted
 * under the address it came from (a kiosk's: its connection's remote address).
 */
import { normalizePatronNumber, type Policy } from '../../../core/index.ts'
import type { Db } from '../../../db/client.ts'
import { type PatronRow, patronFacts } from '../../../db/facts.ts'
import { beginAttempt, UNKNOWN_GUESSER } from '../../../db/lockout.ts'
import { verifyPassword } from '../../../db/password.ts'

export type PasswordCheck = 'none' | 'ok' | 'wrong' | 'locked'

/**
 * 'none' when no password came (kiosks set up without PINs), else whether it was right. A
 * locked number is 'locked' before any password work; an unknown number costs the same work.
 */
export async function checkPatronPassword(
  db: Db,
  number: string,
  password: string,
  patron: PatronRow | null,
  wallNow: number,
  policy: Policy,
  address: string | null,
): Promise<PasswordCheck> {
  if (password === '') return 'none'
  if (password.length > 1024) return 'wrong'
  const key = `patron:${normalizePatronNumber(number)}`
  const guesser = address ? { address } : UNKNOWN_GUESSER
  const attempt = await beginAttempt(db, key, wallNow, policy, guesser)
  if (!attempt.ok) return 'locked'
  const ok = await verifyPassword(password, patron?.passwordHash ?? null)
  await attempt.value.settle(ok)
  return ok ? 'ok' : 'wrong'
}

export async function findPatron(db: Db, number: string): Promise<PatronRow | null> {
  if (number === '' || number.length > 64) return null
  const found = await patronFacts(db, { number: normalizePatronNumber(number) })
  return found?.row ?? null
}

/** The screen message for a refused password. */
export function passwordScreen(check: PasswordCheck, policy: Policy): string {
  return check === 'locked'
    ? `パスワードの入力誤りが続いたため、この利用者番号を一時的にロックしています。${policy.lockout.lockMinutes}分ほど待ってから、もう一度お試しいただくか、カウンターでお尋ねください。`
    : '利用者番号またはパスワードが違います。もう一度お試しいただくか、カウンターでお尋ねください。'
}
