/**
 * ACC-FAMILY's limit: one LINE account links at most policy.familyCards patrons. The condition
 * is SQL so it sits inside the statement that spends a link nonce; two links racing for the
 * last place cannot both pass it.
 */
import { sql } from 'drizzle-orm'
import type { Policy } from '../core/index.ts'
import { type Db, raw } from './client.ts'

/** True while `lineUserId` has room for `patronId` (re-linking its own patron always has). */
export function familyRoom(lineUserId: string, patronId: number, limit: number) {
  return sql`(SELECT count(*) FROM line_links
    WHERE line_user_id = ${lineUserId} AND patron_id <> ${patronId}) < ${limit}`
}

export async function hasFamilyRoom(
  db: Db,
  lineUserId: string,
  patronId: number,
  limit: number,
): Promise<boolean> {
  const [rows] = await db.batch([
    raw<{ room: number }>(sql`SELECT ${familyRoom(lineUserId, patronId, limit)} AS room`),
  ])
  return Number(rows[0]?.room) === 1
}

/** The refusal when the LINE account already links the most patrons it may. */
export function familyFull(policy: Policy) {
  return {
    ok: false as const,
    reason: 'family_full' as const,
    message: {
      ja: `このLINEアカウントには、すでに${policy.familyCards}枚の図書館カードが連携されています。もう一枚追加するには、マイポータルの「カード」から使わなくなったカードの連携を解除してください。わからないときは${policy.contact.ja}（${policy.contact.phone}）へお電話ください。`,
      en: `This LINE account already has ${policy.familyCards} library cards linked. To add another, first unlink a card you no longer use under "Card" in My portal. For help, call the ${policy.contact.en} (${policy.contact.phone}).`,
    },
  }
}
