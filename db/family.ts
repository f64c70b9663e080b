/**
 * ACC-FAMILY: the patrons one LINE account links (a family's cards), in the order they were
 * linked, and unlinking them one at a time. Linking itself is db/links.ts (linkByNonce).
 */
import { and, eq, sql } from 'drizzle-orm'
import { handCartOn } from './cart.ts'
import { type Db, raw } from './client.ts'
import { LINK_ACTIONS, lineAuditFrom } from './line-audit.ts'
import { isId, isText } from './refusals.ts'
import { lineLinks, patrons } from './schema.ts'

export interface FamilyMember {
  patronId: number
  /** 利用者番号: the card's barcode. */
  number: string
  name: string
  followed: boolean
  language: string
  linkedAt: number
}

/** The LINE user's linked patrons, first linked first. */
export async function familyOf(db: Db, lineUserId: string): Promise<FamilyMember[]> {
  if (!isText(lineUserId, 64)) return []
  return db.orm
    .select({
      patronId: lineLinks.patronId,
      number: patrons.number,
      name: patrons.name,
      followed: lineLinks.followed,
      language: lineLinks.language,
      linkedAt: lineLinks.linkedAt,
    })
    .from(lineLinks)
    .innerJoin(patrons, eq(patrons.id, lineLinks.patronId))
    .where(eq(lineLinks.lineUserId, lineUserId))
    .orderBy(lineLinks.linkedAt, lineLinks.id)
}

/**
 * Unlink one patron from the LINE user, only if it is that user's (never another's).
 * `remaining` is how many the user still links: the rich menu goes back to menu A at 0.
 * The account's hold cart is kept under its first card (bot/api/routes/cart.ts cartOwner):
 * unlinking that card hands the cart to the next one in the same batch, so the family keeps
 * it and the card that leaves takes none of the family's picks with it.
 */
export async function unlinkOne(
  db: Db,
  input: { lineUserId: string; patronId: number },
  now: number,
): Promise<{ unlinked: boolean; remaining: number }> {
  if (!isText(input.lineUserId, 64) || !isId(input.patronId))
    return { unlinked: false, remaining: 0 }
  const mine = and(
    eq(lineLinks.lineUserId, input.lineUserId),
    eq(lineLinks.patronId, input.patronId),
  )
  const [, , , removed, left] = await db.batch([
    ...handCartOn(sql`${input.lineUserId}`, input.patronId),
    lineAuditFrom(
      LINK_ACTIONS.unlink,
      now,
      sql`SELECT 'patron:' || patron_id AS subject FROM line_links
        WHERE line_user_id = ${input.lineUserId} AND patron_id = ${input.patronId}`,
    ),
    db.orm.delete(lineLinks).where(mine).returning({ patronId: lineLinks.patronId }),
    raw<{ n: number }>(
      sql`SELECT count(*) AS n FROM line_links WHERE line_user_id = ${input.lineUserId}`,
    ),
  ])
  return { unlinked: removed.length > 0, remaining: Number(left[0]?.n ?? 0) }
}

/** The language the LINE user reads: one account, so every card of it pushes in it. */
export async function setFamilyLanguage(
  db: Db,
  input: { lineUserId: string; language: 'ja' | 'en' },
): Promise<boolean> {
  if (!isText(input.lineUserId, 64) || !['ja', 'en'].includes(input.language)) return false
  const [rows] = await db.batch([
    db.orm
      .update(lineLinks)
      .set({ language: input.language })
      .where(eq(lineLinks.lineUserId, input.lineUserId))
      .returning({ id: lineLinks.id }),
  ])
  return rows.length > 0
}
