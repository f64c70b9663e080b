/**
 * The hold cart (予約カート), kept for the patron on the server: titles in the order they were
 * put in, at most MAX_CART (what one hold request takes). Adding twice is a no-op; the cap is
 * checked in the INSERT itself, so two quick taps on two phones never pass it.
 */
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { type Db, raw } from './client.ts'
import { MAX_CART } from './holds.ts'
import { isId } from './refusals.ts'
import { holdCart, titles } from './schema.ts'

/** The cart's size is one hold request's: the routes read it here, not from the holds code. */
export { MAX_CART }

export type CartAdd = 'added' | 'full' | 'unknown_title'

/** Put a title in the cart. `full` when MAX_CART titles are in it already. */
export async function addToCart(
  db: Db,
  input: { patronId: number; titleId: number },
  now: number,
): Promise<CartAdd> {
  if (!isId(input.patronId) || !isId(input.titleId)) return 'unknown_title'
  const [rows] = await db.batch([
    db.orm
      .insert(holdCart)
      .select(
        sql`SELECT ${input.patronId}, id, ${now} FROM titles WHERE id = ${input.titleId}
          AND EXISTS (SELECT 1 FROM patrons WHERE id = ${input.patronId})
          AND (SELECT count(*) FROM hold_cart WHERE patron_id = ${input.patronId}) < ${MAX_CART}`,
      )
      .onConflictDoNothing()
      .returning({ titleId: holdCart.titleId }),
  ])
  if (rows.length > 0) return 'added'
  const [there] = await db.orm
    .select({ n: sql<number>`count(*)` })
    .from(holdCart)
    .where(and(eq(holdCart.patronId, input.patronId), eq(holdCart.titleId, input.titleId)))
  if (Number(there?.n) > 0) return 'added'
  const [title] = await db.orm
    .select({ id: titles.id })
    .from(titles)
    .where(eq(titles.id, input.titleId))
  return title ? 'full' : 'unknown_title'
}

/** Take titles out of the cart (one, or those just reserved); absent ones are ignored. */
export async function removeFromCart(
  db: Db,
  input: { patronId: number; titleIds: number[] },
): Promise<void> {
  const ids = input.titleIds.filter(isId)
  if (!isId(input.patronId) || ids.length === 0) return
  await db.batch([
    db.orm
      .delete(holdCart)
      .where(and(eq(holdCart.patronId, input.patronId), inArray(holdCart.titleId, ids)))
      .returning({ titleId: holdCart.titleId }),
  ])
}

/** The title ids in the cart, oldest first. */
export async function cartTitleIds(db: Db, patronId: number): Promise<number[]> {
  if (!isId(patronId)) return []
  const rows = await db.orm
    .select({ titleId: holdCart.titleId })
    .from(holdCart)
    .where(eq(holdCart.patronId, patronId))
    .orderBy(asc(holdCart.createdAt), sql`${holdCart}.rowid`)
  return rows.map((r) => r.titleId)
}

/**
 * The two statements that move the account's cart (kept under its first card,
 * bot/api/routes/cart.ts cartOwner) from `patronId` to the account's next card, when
 * `patronId` is the first card of the LINE user `owner` and another remains, and `when` holds;
 * nothing otherwise. Run before the card's link goes (unlinked, or moved by a new link): so the
 * family keeps its picks and the card that leaves takes none of them.
 */
export function handCartOn(owner: SQL, patronId: number, when: SQL = sql`1`) {
  const first = sql`(SELECT patron_id FROM line_links WHERE line_user_id = ${owner}
    ORDER BY linked_at, id LIMIT 1)`
  const next = sql`(SELECT patron_id FROM line_links WHERE line_user_id = ${owner}
    AND patron_id <> ${patronId} ORDER BY linked_at, id LIMIT 1)`
  const moving = sql`${when} AND ${first} = ${patronId} AND ${next} IS NOT NULL`
  return [
    raw(sql`INSERT OR IGNORE INTO hold_cart (patron_id, title_id, created_at)
      SELECT ${next}, title_id, created_at FROM hold_cart
      WHERE patron_id = ${patronId} AND ${moving} RETURNING title_id`),
    raw(sql`DELETE FROM hold_cart WHERE patron_id = ${patronId} AND ${moving}
      RETURNING title_id`),
  ] as const
}
