/**
 * ACC-RESET-LINKED: a reset by number + name + phone of a patron linked to LINE takes effect
 * only when confirmed from that LINE account. The pending reset holds the new password's
 * hash and the SHA-256 of a one-time token (the confirm button carries the token); the
 * confirm spends it and sets the password in one batch, so it works once, for that LINE
 * account, before it expires, and a newer reset replaces an older one.
 */
import { sql } from 'drizzle-orm'
import { allow, type Decision, RESET_CONFIRM_EXPIRED, refuse } from '../core/index.ts'
import { type Db, raw } from './client.ts'
import { sha256Hex } from './password.ts'

export interface PendingReset {
  token: string
  lineUserId: string
  expiresAt: number
}

function randomToken(): string {
  const b = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

/** Store a reset waiting for `lineUserId`'s confirm; an earlier pending one is dropped. */
export async function createPasswordReset(
  db: Db,
  input: { patronId: number; lineUserId: string; passwordHash: string },
  now: number,
  ttlMs: number,
): Promise<PendingReset> {
  const token = randomToken()
  const expiresAt = now + ttlMs
  await db.batch([
    raw<{ tokenHash: string }>(sql`DELETE FROM password_resets
      WHERE patron_id = ${input.patronId} OR expires_at <= ${now}
      RETURNING token_hash AS tokenHash`),
    raw<{ tokenHash: string }>(sql`INSERT INTO password_resets (token_hash, patron_id,
        line_user_id, password_hash, created_at, expires_at)
      VALUES (${await sha256Hex(token)}, ${input.patronId}, ${input.lineUserId},
        ${input.passwordHash}, ${now}, ${expiresAt})
      RETURNING token_hash AS tokenHash`),
  ])
  return { token, lineUserId: input.lineUserId, expiresAt }
}

const expired = RESET_CONFIRM_EXPIRED

/**
 * Confirm a pending reset from LINE: only the LINE account it waits for, only while that
 * account is still linked to the patron, once, before it expires.
 */
export async function confirmPasswordReset(
  db: Db,
  input: { token: string; lineUserId: string },
  now: number,
): Promise<Decision<{ patronId: number }, 'expired'>> {
  if (!/^[0-9a-f]{64}$/.test(input.token)) return refuse('expired', expired)
  const hash = await sha256Hex(input.token)
  const spent = sql`SELECT 1 FROM password_resets WHERE token_hash = ${hash} AND used_at = ${now}`
  const [used, set] = await db.batch([
    raw<{ patronId: number }>(sql`UPDATE password_resets SET used_at = ${now}
      WHERE token_hash = ${hash} AND used_at IS NULL AND expires_at > ${now}
        AND line_user_id = ${input.lineUserId}
        AND EXISTS (SELECT 1 FROM line_links k WHERE k.patron_id = password_resets.patron_id
          AND k.line_user_id = ${input.lineUserId})
      RETURNING patron_id AS patronId`),
    raw<{ id: number }>(sql`UPDATE patrons SET password_hash = (SELECT password_hash
        FROM password_resets WHERE token_hash = ${hash})
      WHERE id = (SELECT patron_id FROM password_resets WHERE token_hash = ${hash})
        AND EXISTS (${spent})
      RETURNING id`),
  ])
  const patronId = used[0]?.patronId
  if (patronId === undefined || !set[0]) return refuse('expired', expired)
  return allow({ patronId })
}

/** Drop a pending reset (its confirm's 取り消す, or a confirm that could not be sent). */
export async function cancelPasswordReset(
  db: Db,
  input: { token: string; lineUserId?: string },
): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(input.token)) return false
  const hash = await sha256Hex(input.token)
  const who = input.lineUserId === undefined ? sql`1` : sql`line_user_id = ${input.lineUserId}`
  const [rows] = await db.batch([
    raw<{ tokenHash: string }>(sql`DELETE FROM password_resets
      WHERE token_hash = ${hash} AND used_at IS NULL AND ${who}
      RETURNING token_hash AS tokenHash`),
  ])
  return rows.length > 0
}
