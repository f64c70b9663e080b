/**
 * The hold cart on the server: `GET /cart`, idempotent `PUT` / `DELETE /cart/:titleId`.
 * Placing holds (POST /holds) takes the reserved titles out of it. bunko's own, so it answers
 * while the library's system is down (placing then waits for it); and the account's, not a
 * card's, so it is mounted before the access rules: a family whose first card lapsed can still
 * fill it and reserve for another card, and placing applies the rules to the card chosen.
 */
import { Hono } from 'hono'
import { addToCart, cartTitleIds, MAX_CART, removeFromCart } from '../../../db/cart.ts'
import type { CartResponse, OkResponse } from '../../../liff/api-types.ts'
import type { AppDeps } from '../../deps.ts'
import { requireAccess } from '../auth.ts'
import type { OwnEnv } from '../env.ts'
import { problem } from '../problem.ts'
import { noBody, pathId } from '../validate.ts'
import { summarize, titleRows } from '../views/titles.ts'
import { WORDS } from '../words.ts'

const FULL = {
  ja: `予約カートに入れられるのは${MAX_CART}点までです。カートの資料を予約するか、いくつか外してから入れてください。`,
  en: `The hold cart takes up to ${MAX_CART} items. Please reserve what is in it, or take some out, first.`,
}

/**
 * Whose cart a call reads or changes: the LINE account's, kept under its first card (the card
 * a call naming none is for), whichever card a call names (ACC-FAMILY: the patron says whose
 * hold it is at 確認, and placing it for any card takes the titles out of this one cart). When
 * that card leaves the account (unlinked, or linked to another one), the cart passes to the
 * next card in the same batch (db/cart.ts handCartOn).
 */
export function cartOwner(
  family: readonly { patronId: number }[],
  link: { patronId: number },
): number {
  return family[0]?.patronId ?? link.patronId
}

export function cartRoutes({ db, clock, config }: AppDeps) {
  const app = new Hono<OwnEnv>()
  // A refused card's cart is refused, unless the account links other cards (cart owner).
  const access = requireAccess(config.policy, clock, true)
  app.use('/cart', access)
  app.use('/cart/*', access)
  const ok: OkResponse = { ok: true }

  app.get('/cart', async (c) => {
    const ids = await cartTitleIds(db, cartOwner(c.get('family'), c.get('link')))
    const summaries = await summarize(db, await titleRows(db, ids))
    const body: CartResponse = { items: ids.flatMap((id) => summaries.get(id) ?? []) }
    return c.json(body)
  })

  app.put('/cart/:id', async (c) => {
    const lang = c.get('lang')
    const titleId = pathId(c, lang)
    await noBody(c, lang)
    const added = await addToCart(
      db,
      { patronId: cartOwner(c.get('family'), c.get('link')), titleId },
      clock.now(),
    )
    if (added === 'unknown_title') throw problem(404, 'not_found', WORDS.titleNotFound[lang])
    if (added === 'full') throw problem(409, 'limit', FULL[lang])
    return c.json(ok)
  })

  app.delete('/cart/:id', async (c) => {
    const lang = c.get('lang')
    const titleId = pathId(c, lang)
    await removeFromCart(db, {
      patronId: cartOwner(c.get('family'), c.get('link')),
      titleIds: [titleId],
    })
    return c.json(ok)
  })

  return app
}
